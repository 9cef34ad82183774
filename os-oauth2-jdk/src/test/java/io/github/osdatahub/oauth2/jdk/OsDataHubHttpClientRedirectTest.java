package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
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

  private HttpRequest ownAuthorization() {
    return HttpRequest.newBuilder(hub.baseUri().resolve("/moved")).header("Authorization", "Bearer mine")
        .header("Cookie", "session=1").build();
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
  void aCallersOwnAuthorizationIsDroppedOnAHopToAnotherOrigin() throws Exception {
    try (FakeOsDataHub otherPort = FakeOsDataHub.builder().start()) {
      for (FakeOsDataHub target : List.of(other, otherPort)) {
        hub.redirect("/moved", target.namesUri("Southampton"));
        OsDataHubHttpClient client = on(HttpClient.Redirect.NORMAL);

        HttpResponse<String> sync = client.send(ownAuthorization(), BodyHandlers.ofString());
        HttpResponse<String> async = client.sendAsync(ownAuthorization(), BodyHandlers.ofString())
            .get(WAIT_SECONDS, TimeUnit.SECONDS);

        for (HttpResponse<String> response : List.of(sync, async)) {
          assertThat(response.uri()).isEqualTo(target.namesUri("Southampton"));
          assertThat(response.previousResponse()).hasValueSatisfying(r -> assertThat(r.statusCode()).isEqualTo(302));
        }
        assertThat(target.apiRequests()).as(target.baseUri().toString()).hasSize(2).allSatisfy(r -> {
          assertThat(r.header("Authorization")).isEmpty();
          assertThat(r.header("Cookie")).isEmpty();
        });
      }
    }
    assertThat(hub.apiRequests()).hasSize(4).allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer mine"));
    assertThat(hub.tokenRequestCount()).as("the provider was never asked").isZero();
  }

  @Test
  void aCallersOwnAuthorizationIsKeptOnTheSameOrigin() throws Exception {
    hub.redirect("/moved", hub.namesUri("Southampton"));
    OsDataHubHttpClient client = on(HttpClient.Redirect.NORMAL);

    HttpResponse<String> sync = client.send(ownAuthorization(), BodyHandlers.ofString());
    HttpResponse<String> async = client.sendAsync(ownAuthorization(), BodyHandlers.ofString())
        .get(WAIT_SECONDS, TimeUnit.SECONDS);

    for (HttpResponse<String> response : List.of(sync, async)) {
      assertThat(response.statusCode()).as("the hub does not know the caller's token").isEqualTo(401);
      assertThat(response.previousResponse()).hasValueSatisfying(r -> assertThat(r.statusCode()).isEqualTo(302));
    }
    assertThat(hub.apiRequests()).extracting(RecordedRequest::path)
        .containsExactly("/moved", "/search/names/v1/find", "/moved", "/search/names/v1/find");
    assertThat(hub.apiRequests()).allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer mine"));
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void aRedirectToAnotherPortOfAnInScopeHostNeverCarriesTheToken() throws Exception {
    try (FakeOsDataHub otherPort = FakeOsDataHub.builder().start()) {
      hub.redirect("/moved", otherPort.namesUri("Southampton"));
      TokenScope onePort = TokenScope.of("127.0.0.1:" + hub.port());
      OsDataHubHttpClient client = OsDataHubHttpClient.create(provider,
          HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(), onePort);

      HttpResponse<String> sync = client.send(moved(), BodyHandlers.ofString());
      HttpResponse<String> async = client.sendAsync(moved(), BodyHandlers.ofString()).get(WAIT_SECONDS, TimeUnit.SECONDS);

      for (HttpResponse<String> response : List.of(sync, async)) {
        assertThat(response.statusCode()).as("no token, no key: the other port's 401").isEqualTo(401);
        assertThat(response.uri().getPort()).isEqualTo(otherPort.port());
      }
      assertThat(otherPort.apiRequests()).hasSize(2).allSatisfy(r -> {
        assertThat(r.header("Authorization")).isEmpty();
        assertThat(r.header("Cookie")).as("another origin").isEmpty();
      });
      assertThat(hub.apiRequests()).hasSize(2).allSatisfy(r ->
          assertThat(r.header("Authorization")).contains(provider.token().authorizationHeader()));
    }
  }

  @Test
  void aRedirectOntoTheTokenEndpointHoweverSpeltCarriesNoToken() throws Exception {
    OsDataHubHttpClient client = on(HttpClient.Redirect.NORMAL);
    for (String path : List.of("x/../oauth2/token/v1", "%6Fauth2/token/v1", "OAUTH2//token/v1")) {
      // Built as a string: URI.resolve would normalise the dot segments away.
      hub.redirect("/moved", URI.create(hub.baseUri() + "/" + path));

      client.send(moved(), BodyHandlers.ofString());
      client.sendAsync(moved(), BodyHandlers.ofString()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    List<RecordedRequest> hops = hub.apiRequests().stream().filter(r -> !r.path().equals("/moved")).toList();
    assertThat(hops).extracting(RecordedRequest::path).containsExactly("/x/../oauth2/token/v1",
        "/x/../oauth2/token/v1", "/%6Fauth2/token/v1", "/%6Fauth2/token/v1", "/OAUTH2//token/v1", "/OAUTH2//token/v1");
    assertThat(hops).allSatisfy(r -> assertThat(r.header("Authorization")).isEmpty());
    assertThat(hub.apiRequests()).filteredOn(r -> r.path().equals("/moved")).hasSize(6)
        .allSatisfy(r -> assertThat(r.header("Authorization")).contains(provider.token().authorizationHeader()));
  }

  @Test
  void aRedirectToASchemeTheJdkDoesNotSpeakIsReturnedAsIs() throws Exception {
    OsDataHubHttpClient client = on(HttpClient.Redirect.ALWAYS);
    List<String> targets = List.of("ftp://127.0.0.1/pub/file", "file://127.0.0.1/etc/passwd", "file:///etc/passwd",
        "javascript://127.0.0.1/%0Aalert(1)", "javascript:alert(1)");
    for (String target : targets) {
      hub.redirect("/moved", URI.create(target));

      HttpResponse<String> sync = client.send(moved(), BodyHandlers.ofString());
      HttpResponse<String> async = client.sendAsync(moved(), BodyHandlers.ofString()).get(WAIT_SECONDS, TimeUnit.SECONDS);

      for (HttpResponse<String> response : List.of(sync, async)) {
        assertThat(response.statusCode()).as(target).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains(target);
        assertThat(response.previousResponse()).isEmpty();
      }
    }
    assertThat(hub.apiRequests()).hasSize(2 * targets.size()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/moved"));
  }

  @Test
  void anOriginIsSchemeHostAndPortWithDefaultPortsFilledIn() {
    URI origin = URI.create("https://api.os.uk/a");

    assertThat(Redirects.sameOrigin(origin, URI.create("HTTPS://API.OS.UK:443/b?c"))).isTrue();
    assertThat(Redirects.sameOrigin(origin, URI.create("https://api.os.uk:8443/a"))).isFalse();
    assertThat(Redirects.sameOrigin(origin, URI.create("http://api.os.uk/a"))).isFalse();
    assertThat(Redirects.sameOrigin(origin, URI.create("https://api.os.uk.evil.example/a"))).isFalse();
    assertThat(Redirects.sameOrigin(URI.create("http://127.0.0.1/"), URI.create("http://127.0.0.1:80/"))).isTrue();
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
