package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.fetchToken;
import static io.github.osdatahub.oauth2.testkit.RawHttp.get;
import static io.github.osdatahub.oauth2.testkit.RawHttp.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every API route the hub serves gets the same gateway checks: the token on the hub's clock, the
 * API key, the plan, the rate limit, CORS on every answer, and a preflight that needs no token.
 */
class ApiRoutesTest {
  private static final String NO_CREDENTIALS = "{\"fault\":{\"faultstring\":\"Failed to resolve API Key variable"
      + " request.header.key\",\"detail\":{\"errorcode\":\"steps.oauth.v2.FailedToResolveAPIKey\"}}}";
  private static final String DENIED = "{\"fault\":{\"faultstring\":\"Invalid API call as no apiproduct match"
      + " found\",\"detail\":{\"errorcode\":\"keymanagement.service.InvalidAPICallAsNoApiProductMatchFound\"}}}";
  private static final String ORIGIN = "http://127.0.0.1:1";

  private final ManualTimeSource time = new ManualTimeSource();
  private final FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).start();

  @AfterEach
  void close() {
    hub.close();
  }

  static Stream<Arguments> routes() {
    return Stream.of(
        route("Names find", h -> h.namesUri("Ely"), "/search/names/"),
        route("Names nearest", h -> h.namesNearestUri(437_293, 115_539), "/search/names/"),
        route("Places find", h -> h.placesFindUri("10 Downing Street"), "/search/places/"),
        route("Places postcode", h -> h.placesPostcodeUri("SO16 0AS"), "/search/places/"),
        route("Places nearest", h -> h.placesNearestUri(437_293, 115_539), "/search/places/"),
        route("raster ZXY 3857", h -> h.rasterTileUri("Outdoor_3857", 12, 2_023, 1_368), "/maps/raster/"),
        route("raster ZXY 27700", h -> h.rasterTileUri("Leisure_27700", 5, 20, 30), "/maps/raster/"),
        route("WMTS GetCapabilities", FakeOsDataHub::wmtsCapabilitiesUri, "/maps/raster/"),
        route("WMTS GetTile", h -> h.wmtsTileUri("Light_27700", 3, 40, 30), "/maps/raster/"),
        route("vector tile service", h -> h.vectorTileServiceUri(3857), "/maps/vector/"),
        route("vector tile style", h -> h.vectorTileStyleUri(3857), "/maps/vector/"),
        route("vector tile", h -> h.vectorTileUri(3857, 7, 63, 42), "/maps/vector/"),
        route("NGD Features items", h -> h.featuresUri("bld-fts-buildingpart-1"), "/features/"));
  }

  private static Arguments route(String name, Function<FakeOsDataHub, URI> uri, String apiPrefix) {
    return Arguments.of(name, uri, apiPrefix);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void aValidTokenGets200WithCorsAndTheLogRecordsIt(String name, Function<FakeOsDataHub, URI> uri, String api) {
    HttpResponse<String> response = getWithToken(uri.apply(hub), fetchToken(hub));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    RecordedRequest recorded = hub.apiRequests().get(0);
    assertThat(recorded.method()).isEqualTo("GET");
    assertThat(recorded.status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void noCredentialsIsOsFaultAndThePageCanReadIt(String name, Function<FakeOsDataHub, URI> uri, String api) {
    HttpResponse<String> response = get(uri.apply(hub), "Origin", ORIGIN);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body()).isEqualTo(NO_CREDENTIALS);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(hub.apiRequests().get(0).status()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void anExpiredTokenGetsTheExpiredEnvelopeWithItsHeaderExposed(String name, Function<FakeOsDataHub, URI> uri,
      String api) {
    String token = fetchToken(hub);
    time.advance(Duration.ofSeconds(299));

    HttpResponse<String> response = getWithToken(uri.apply(hub), token);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo(ProtectedApiTest.EXPIRED);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
        .contains("WWW-Authenticate", "Retry-After");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void theApiKeyWorksInTheQueryAndAsAHeaderButAWrongOneDoesNot(String name, Function<FakeOsDataHub, URI> uri,
      String api) {
    URI plain = uri.apply(hub);
    URI keyed = URI.create(plain + (plain.getRawQuery() == null ? "?" : "&") + "key=" + hub.key());

    assertThat(get(keyed).statusCode()).isEqualTo(200);
    assertThat(get(plain, "key", hub.key()).statusCode()).isEqualTo(200);
    assertThat(get(plain, "key", "wrong").statusCode()).isEqualTo(401);
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void anApiOutsideThePlanIs403EvenWithAGoodToken(String name, Function<FakeOsDataHub, URI> uri, String api) {
    String token = fetchToken(hub);
    hub.deniedApis(api);

    HttpResponse<String> response = getWithToken(uri.apply(hub), token);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo(DENIED);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void aPreflightNeedsNoTokenAllowsAuthorizationAndUsesNoQuota(String name, Function<FakeOsDataHub, URI> uri,
      String api) {
    hub.rateLimitPerMinute(1);

    HttpResponse<String> preflight = preflight(uri.apply(hub));
    preflight(uri.apply(hub));

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.body()).isEmpty();
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, HEAD, OPTIONS");
    assertThat(List.of(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").split(",\\s*")))
        .contains("Authorization");
    assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("7200");
    assertThat(getWithToken(uri.apply(hub), fetchToken(hub)).statusCode()).isEqualTo(200);
    assertThat(hub.apiRequests()).extracting(RecordedRequest::method, RecordedRequest::status)
        .containsExactly(tuple("OPTIONS", 204), tuple("OPTIONS", 204), tuple("GET", 200));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void overTheLimitIs429WithRetryAfterReadable(String name, Function<FakeOsDataHub, URI> uri, String api) {
    hub.rateLimitPerMinute(1);
    String token = fetchToken(hub);
    assertThat(getWithToken(uri.apply(hub), token).statusCode()).isEqualTo(200);

    HttpResponse<String> limited = getWithToken(uri.apply(hub), token);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("60");
    assertThat(limited.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(hub.apiRequests().get(1).status()).isEqualTo(429);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void headIsAnsweredLikeGetWithoutABody(String name, Function<FakeOsDataHub, URI> uri, String api) {
    HttpResponse<String> head = RawHttp.send(HttpRequest.newBuilder(uri.apply(hub))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("key", hub.key()));

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(hub.apiRequests().get(0).status()).isEqualTo(200);
  }

  private static HttpResponse<String> preflight(URI uri) {
    return RawHttp.send(HttpRequest.newBuilder(uri).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization"));
  }
}
