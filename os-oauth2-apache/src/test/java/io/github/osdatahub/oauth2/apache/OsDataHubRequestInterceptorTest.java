package io.github.osdatahub.oauth2.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialsRejectedException;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.io.IOException;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simple request interceptor in a real classic client, against FakeOsDataHub. */
class OsDataHubRequestInterceptorTest {
  private FakeOsDataHub hub;
  private FakeOsDataHub other;
  private ApacheHttpTransport transport;
  private CachingTokenProvider provider;
  private CloseableHttpClient client;

  @BeforeEach
  void start() {
    hub = FakeOsDataHub.builder().noRateLimit().start();
    other = FakeOsDataHub.builder().bindAddress("127.0.0.2").noRateLimit().start();
    transport = ApacheHttpTransport.create();
    provider = OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri()).transport(transport)
        .jsonCodec(GsonJsonCodec.create()).build();
    client = HttpClients.custom()
        .addRequestInterceptorLast(OsDataHubRequestInterceptor.create(provider, hub.tokenScope()))
        .build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    provider.close();
    transport.close();
    other.close();
    hub.close();
  }

  private int get(HttpGet request) throws IOException {
    return client.execute(request, response -> {
      EntityUtils.consume(response.getEntity());
      return response.getCode();
    });
  }

  private int get(URI uri) throws IOException {
    return get(new HttpGet(uri));
  }

  @Test
  void addsTheTokenForTheHubOnly() throws Exception {
    assertThat(get(hub.namesUri("Southampton"))).isEqualTo(200);
    assertThat(get(other.namesUri("Southampton"))).isEqualTo(401);

    assertThat(hub.apiRequests().get(0).header("Authorization")).contains(provider.token().authorizationHeader());
    assertThat(other.apiRequests().get(0).header("Authorization")).isEmpty();
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void aRedirectToAnotherHostCarriesNoToken() throws Exception {
    hub.redirect("/moved", other.namesUri("Southampton"));

    assertThat(get(hub.baseUri().resolve("/moved"))).isEqualTo(401);

    assertThat(hub.apiRequests().get(0).header("Authorization")).isPresent();
    assertThat(other.apiRequests()).hasSize(1);
    assertThat(other.apiRequests().get(0).header("Authorization")).isEmpty();
  }

  @Test
  void theCallersOwnAuthorizationIsLeftAlone() throws Exception {
    HttpGet request = new HttpGet(hub.namesUri("Southampton"));
    request.setHeader("Authorization", "Bearer the-callers-own");

    assertThat(get(request)).isEqualTo(401);

    assertThat(hub.apiRequests().get(0).header("Authorization")).contains("Bearer the-callers-own");
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void theTokenGoesByTheHostApacheConnectsToNotByTheRequestUri() throws Exception {
    // The request names https://api.os.uk; Apache is told to connect to 127.0.0.2 over plain http.
    try (RecordingServer plain = RecordingServer.start("127.0.0.2", 200)) {
      ScriptedTokenProvider tokens = ScriptedTokenProvider.renewing();
      try (CloseableHttpClient c = HttpClients.custom()
          .addRequestInterceptorLast(OsDataHubRequestInterceptor.create(tokens)).build()) {
        int status = c.execute(new HttpHost("http", "127.0.0.2", plain.port()),
            new HttpGet("https://api.os.uk/search/names/v1/find?query=x"), response -> response.getCode());

        assertThat(status).isEqualTo(200);
        assertThat(plain.requests()).hasSize(1);
        assertThat(plain.requests().get(0).authorization).isEmpty();
        assertThat(tokens.tokenCalls()).isZero();
      }
    }
  }

  @Test
  void throughAProxyAPlainHttpRequestCarriesNoToken() throws Exception {
    try (RecordingServer proxy = RecordingServer.start("127.0.0.2", 200)) {
      ScriptedTokenProvider tokens = ScriptedTokenProvider.renewing();
      try (CloseableHttpClient c = HttpClients.custom().setProxy(new HttpHost("127.0.0.2", proxy.port()))
          .addRequestInterceptorLast(OsDataHubRequestInterceptor.create(tokens, TokenScope.of("127.0.0.1"))).build()) {
        int status = c.execute(new HttpGet("http://127.0.0.1:9/x"), response -> response.getCode());

        assertThat(status).isEqualTo(200);
        assertThat(proxy.requests()).hasSize(1);
        assertThat(proxy.requests().get(0).authorization).isEmpty();
        assertThat(tokens.tokenCalls()).isZero();
      }
    }
  }

  @Test
  void theTokenNeverGoesInAConnect() throws Exception {
    try (RefusingProxy proxy = RefusingProxy.start("127.0.0.2")) {
      try (CloseableHttpClient c = HttpClients.custom().setProxy(proxy.host())
          .addRequestInterceptorLast(OsDataHubRequestInterceptor.create(ScriptedTokenProvider.renewing())).build()) {
        try {
          c.execute(new HttpGet("https://api.os.uk/search/names/v1/find?query=x"), response -> response.getCode());
        } catch (IOException refused) {
          // the proxy refused the tunnel: all that matters is what the CONNECT carried
        }

        assertThat(proxy.heads()).hasSize(1);
        assertThat(proxy.heads().get(0)).startsWith("CONNECT api.os.uk:443 ")
            .doesNotContainIgnoringCase("authorization:").doesNotContain("Bearer");
      }
    }
  }

  @Test
  void withoutARouteInTheContextNoTokenIsAdded() throws IOException {
    ScriptedTokenProvider tokens = ScriptedTokenProvider.renewing();
    HttpGet request = new HttpGet("https://api.os.uk/search/names/v1/find?query=x");

    OsDataHubRequestInterceptor.create(tokens).process(request, null, HttpClientContext.create());

    assertThat(request.containsHeader("Authorization")).isFalse();
    assertThat(tokens.tokenCalls()).isZero();
  }

  @Test
  void aRejectedTokenIsNotRetried() throws Exception {
    assertThat(get(hub.namesUri("warm"))).isEqualTo(200);
    hub.expireAllTokens();

    assertThat(get(hub.namesUri("Southampton"))).isEqualTo(401); // the exec-chain handler is the one that retries

    assertThat(hub.apiRequestCount()).isEqualTo(2);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void aMissingTokenIsAnIOExceptionCausedByTheSdkException() throws IOException {
    try (CachingTokenProvider wrongSecret = OsOAuth2.builder(ProjectCredentials.of(hub.key(), "s3cr3t-DO-NOT-LOG"))
        .endpoint(hub.tokenUri()).transport(transport).jsonCodec(GsonJsonCodec.create()).build();
        CloseableHttpClient rejected = HttpClients.custom()
            .addRequestInterceptorLast(OsDataHubRequestInterceptor.create(wrongSecret, hub.tokenScope())).build()) {

      assertThatThrownBy(() -> rejected.execute(new HttpGet(hub.namesUri("Southampton")), response -> response.getCode()))
          .isExactlyInstanceOf(IOException.class)
          .hasCauseInstanceOf(CredentialsRejectedException.class)
          .hasMessageNotContaining("s3cr3t");
      assertThat(hub.apiRequestCount()).isZero();
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
    }
  }
}
