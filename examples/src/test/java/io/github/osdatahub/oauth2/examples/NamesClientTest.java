package io.github.osdatahub.oauth2.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.jdk.JdkHttpTransport;
import io.github.osdatahub.oauth2.jdk.OsDataHubHttpClient;
import io.github.osdatahub.oauth2.testkit.wiremock.OsDataHubStubs;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's own client ({@link NamesClient}) tested as a user would: WireMock as the OS Data Hub, set
 * up by the testkit's {@link OsDataHubStubs}, with the user's own stub for the answer that succeeds.
 */
class NamesClientTest {
  private static final ProjectCredentials CREDENTIALS = ProjectCredentials.of("namesKey", "namesSecret");
  private static final String NAMES = "/search/names/v1/find";
  private static final String ANSWER = "{\"header\":{\"totalresults\":0},\"results\":[]}";

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  private final String first = OsDataHubStubs.newToken();
  private final String second = OsDataHubStubs.newToken();
  private OsDataHubStubs os;
  private CachingTokenProvider provider;
  private NamesClient names;

  @BeforeEach
  void setUp() {
    os = OsDataHubStubs.on(wm.getRuntimeInfo()).tokenEndpoint(CREDENTIALS, first, second);
    wm.stubFor(get(urlPathEqualTo(NAMES)).willReturn(okJson(ANSWER)));
    provider = OsOAuth2.builder(CREDENTIALS).endpoint(os.tokenUri()).transport(JdkHttpTransport.create()).build();
    names = new NamesClient(OsDataHubHttpClient.create(provider, HttpClient.newHttpClient(), os.tokenScope()),
        os.baseUri());
  }

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  @Test
  void findsWithTheBearerToken() throws Exception {
    assertThat(names.find("Southampton")).isEqualTo(ANSWER);

    assertThat(tokenRequests()).isEqualTo(1);
    assertThat(namesAuthorizations()).containsExactly("Bearer " + first);
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(NAMES))).get(0).queryParameter("query").firstValue())
        .isEqualTo("Southampton");
  }

  @Test
  void anExpiredTokenIsRefreshedOnceAndTheRequestRetried() throws Exception {
    os.expiredToken(first);

    assertThat(names.find("Southampton")).isEqualTo(ANSWER);

    assertThat(tokenRequests()).isEqualTo(2);
    assertThat(namesAuthorizations()).containsExactly("Bearer " + first, "Bearer " + second);
    assertThat(provider.stats().invalidations()).isEqualTo(1);
  }

  @Test
  void anApiOutsideThePlanSurfacesWithoutARefresh() {
    os.apiNotInPlan("/search/names/v1");

    assertThatThrownBy(() -> names.find("Southampton"))
        .isInstanceOfSatisfying(NamesClient.NamesApiException.class, e -> assertThat(e.status()).isEqualTo(403));

    assertThat(tokenRequests()).isEqualTo(1);
    assertThat(namesAuthorizations()).containsExactly("Bearer " + first);
  }

  @Test
  void theRateLimitSurfacesWithItsRetryAfter() {
    os.rateLimited("/search/names/v1", Duration.ofSeconds(7));

    assertThatThrownBy(() -> names.find("Southampton"))
        .isInstanceOfSatisfying(NamesClient.NamesApiException.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.retryAfter()).contains("7");
        });

    assertThat(tokenRequests()).isEqualTo(1);
    assertThat(namesAuthorizations()).containsExactly("Bearer " + first);
  }

  private static int tokenRequests() {
    return wm.findAll(postRequestedFor(urlPathEqualTo(OsDataHubStubs.TOKEN_PATH))).size();
  }

  /** The Authorization of each Names request, oldest first. */
  private static List<String> namesAuthorizations() {
    List<LoggedRequest> requests = wm.findAll(getRequestedFor(urlPathEqualTo(NAMES)));
    return requests.stream().map(r -> r.getHeader("Authorization")).collect(Collectors.toList());
  }
}
