package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CORS beyond the per-route checks of {@link ApiRoutesTest}: what a page on another origin sees on
 * unknown paths, errors and redirects, and that the token endpoint offers it nothing.
 */
class CorsTest {
  private static final String ORIGIN = "http://localhost:8080";

  private final FakeOsDataHub hub = FakeOsDataHub.start();

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void anUnknownPathIsPreflightedSoThePageSeesIts404() {
    URI unknown = URI.create(hub.baseUri() + "/downloads/v1/products");

    HttpResponse<String> preflight = preflight(unknown, "Authorization");
    HttpResponse<String> answer = get(unknown, "Origin", ORIGIN, "key", hub.key());

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(answer.statusCode()).isEqualTo(404);
    assertReadableByAnyOrigin(answer.headers());
  }

  @Test
  void badRequestsAndWrongMethodsAreReadableToo() {
    HttpResponse<String> badRequest = get(URI.create(hub.baseUri() + "/search/names/v1/find"), "key", hub.key());
    HttpResponse<String> post = RawHttp.send(HttpRequest.newBuilder(hub.namesUri("Ely")).header("key", hub.key())
        .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(badRequest.statusCode()).isEqualTo(400);
    assertReadableByAnyOrigin(badRequest.headers());
    assertThat(post.statusCode()).isEqualTo(405);
    assertReadableByAnyOrigin(post.headers());
  }

  @Test
  void aRedirectOnAnApiPathIsReadableSoTheBrowserMayFollowIt() {
    hub.redirect("/moved", hub.namesUri("Ely"));

    HttpResponse<String> moved = get(URI.create(hub.baseUri() + "/moved"), "Origin", ORIGIN);

    assertThat(moved.statusCode()).isEqualTo(302);
    assertReadableByAnyOrigin(moved.headers());
  }

  @Test
  void aPreflightAllowsTheHeadersItAsksForOnTopOfTheFixedOnes() {
    HttpResponse<String> preflight = preflight(hub.namesUri("Ely"), "authorization, x-trace-id, KEY");

    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
        .contains("Authorization, key, Content-Type, Accept, x-trace-id");
    assertThat(preflight.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
  }

  @Test
  void theTokenEndpointSendsNoCorsHeadersAndRefusesPreflights() {
    HttpResponse<String> token = RawHttp.send(RawHttp.tokenRequest(hub).header("Origin", ORIGIN));
    HttpResponse<String> preflight = preflight(hub.tokenUri(), "authorization, content-type");

    assertThat(token.statusCode()).isEqualTo(200);
    assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(preflight.statusCode()).isEqualTo(405);
    assertThat(preflight.headers().firstValue("Allow")).contains("POST");
    assertThat(preflight.headers().map().keySet())
        .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control"));
    assertThat(hub.tokenRequests()).extracting(RecordedRequest::status).containsExactly(200, 405);
    assertThat(hub.apiRequestCount()).isZero();
  }

  private static void assertReadableByAnyOrigin(HttpHeaders headers) {
    assertThat(headers.firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(headers.firstValue("Access-Control-Expose-Headers")).contains("WWW-Authenticate, Retry-After, Allow");
  }

  private static HttpResponse<String> preflight(URI uri, String requestHeaders) {
    return RawHttp.send(HttpRequest.newBuilder(uri).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", requestHeaders));
  }
}
