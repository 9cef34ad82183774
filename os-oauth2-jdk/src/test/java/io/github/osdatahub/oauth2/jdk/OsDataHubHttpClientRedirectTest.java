package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import io.github.osdatahub.oauth2.testkit.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects through OsDataHubHttpClient: the token never reaches another host. The allowed hub is
 * on 127.0.0.1 (the scope), the other host a second hub on 127.0.0.2.
 */
class OsDataHubHttpClientRedirectTest {
  private static final long WAIT_SECONDS = 60;

  private FakeOsDataHub hub;
  private FakeOsDataHub other;
  private CachingTokenProvider provider;

  @BeforeEach
  void start() {
    hub = FakeOsDataHub.builder().start();
    other = FakeOsDataHub.builder().bindAddress("127.0.0.2").start();
    provider = OsDataHubHttpClientTest.providerFor(hub, hub.credentials());
  }

  @AfterEach
  void stop() {
    provider.close();
    other.close();
    hub.close();
  }

  private OsDataHubHttpClient on(HttpClient.Redirect policy) {
    return OsDataHubHttpClient.create(provider, HttpClient.newBuilder().followRedirects(policy).build(),
        hub.tokenScope());
  }

  private HttpRequest moved() {
    return HttpRequest.newBuilder(hub.baseUri().resolve("/moved")).header("Cookie", "session=1").build();
  }

  @Test
  void aRedirectToAnotherHostNeverCarriesTheToken() throws Exception {
    hub.redirect("/moved", other.namesUri("Southampton"));
    OsDataHubHttpClient client = on(HttpClient.Redirect.NORMAL);

    HttpResponse<String> sync = client.send(moved(), BodyHandlers.ofString());
    HttpResponse<String> async = client.sendAsync(moved(), BodyHandlers.ofString()).get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(other.apiRequests()).hasSize(2).allSatisfy(r -> {
      assertThat(r.header("Authorization")).isEmpty();
      assertThat(r.header("Cookie")).as("dropped across origins").isEmpty();
    });
    for (HttpResponse<String> response : List.of(sync, async)) {
      // The other hub wants a token or key it was not given: its 401 is returned, not retried.
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.uri().getHost()).isEqualTo("127.0.0.2");
      assertThat(response.previousResponse()).hasValueSatisfying(r -> assertThat(r.statusCode()).isEqualTo(302));
    }
    assertThat(hub.apiRequests()).hasSize(2).allSatisfy(r ->
        assertThat(r.header("Authorization")).contains(provider.token().authorizationHeader()));
  }

  @Test
  void aRedirectWithinTheAllowedHostKeepsTheToken() throws Exception {
    hub.redirect("/moved", hub.namesUri("Southampton"));
    OsDataHubHttpClient client = on(HttpClient.Redirect.NORMAL);

    HttpResponse<String> response = client.send(moved(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Southampton");
    assertThat(response.previousResponse()).hasValueSatisfying(r -> {
      assertThat(r.statusCode()).isEqualTo(302);
      assertThat(r.body()).isNull();
    });
    List<RecordedRequest> requests = hub.apiRequests();
    assertThat(requests).extracting(RecordedRequest::path).containsExactly("/moved", "/search/names/v1/find");
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.header("Authorization")).contains(provider.token().authorizationHeader());
      assertThat(r.header("Cookie")).as("kept on the same origin").contains("session=1");
    });
  }

  @Test
  void aHopBackIntoScopeGetsTheTokenAgain() throws Exception {
    hub.redirect("/moved", other.baseUri().resolve("/bounce"));
    other.redirect("/bounce", hub.namesUri("Southampton"));
    OsDataHubHttpClient client = on(HttpClient.Redirect.NORMAL);

    HttpResponse<String> response = client.sendAsync(moved(), BodyHandlers.ofString()).get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(other.apiRequests()).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isEmpty());
    assertThat(hub.apiRequests()).hasSize(2).allSatisfy(r ->
        assertThat(r.header("Authorization")).contains(provider.token().authorizationHeader()));
  }

  @Test
  void aClientThatDoesNotFollowRedirectsGetsThe302() throws Exception {
    hub.redirect("/moved", other.namesUri("Southampton"));
    OsDataHubHttpClient client = on(HttpClient.Redirect.NEVER);

    HttpResponse<String> sync = client.send(moved(), BodyHandlers.ofString());
    HttpResponse<String> async = client.sendAsync(moved(), BodyHandlers.ofString()).get(WAIT_SECONDS, TimeUnit.SECONDS);

    for (HttpResponse<String> response : List.of(sync, async)) {
      assertThat(response.statusCode()).isEqualTo(302);
      assertThat(response.headers().firstValue("Location")).contains(other.namesUri("Southampton").toString());
    }
    assertThat(other.apiRequestCount()).isZero();
  }

  @Test
  void normalPolicyDoesNotFollowFromHttpsToHttpButAlwaysDoes() {
    URI https = URI.create("https://api.os.uk/a");
    URI http = URI.create("http://127.0.0.1/b");

    assertThat(Redirects.allows(HttpClient.Redirect.NORMAL, https, http)).isFalse();
    assertThat(Redirects.allows(HttpClient.Redirect.NORMAL, http, https)).isTrue();
    assertThat(Redirects.allows(HttpClient.Redirect.ALWAYS, https, http)).isTrue();
    assertThat(Redirects.allows(HttpClient.Redirect.NEVER, https, https)).isFalse();
  }

  @Test
  void aRedirectLoopStopsAfterFiveHopsAndReturnsTheLastRedirect() throws Exception {
    hub.redirect("/moved", hub.baseUri().resolve("/moved"));
    OsDataHubHttpClient client = on(HttpClient.Redirect.NORMAL);

    HttpResponse<String> response = client.send(moved(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(hub.apiRequestCount()).isEqualTo(Redirects.MAX_HOPS + 1);
  }

  @Test
  void postRedirectedBy302BecomesGetAnd307KeepsTheMethod() {
    assertThat(Redirects.nextMethod(302, "POST")).isEqualTo("GET");
    assertThat(Redirects.nextMethod(301, "POST")).isEqualTo("GET");
    assertThat(Redirects.nextMethod(303, "PUT")).isEqualTo("GET");
    assertThat(Redirects.nextMethod(307, "POST")).isEqualTo("POST");
    assertThat(Redirects.nextMethod(308, "PUT")).isEqualTo("PUT");
    assertThat(Redirects.nextMethod(302, "GET")).isEqualTo("GET");
  }
}
