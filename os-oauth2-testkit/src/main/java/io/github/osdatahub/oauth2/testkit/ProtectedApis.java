package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.osdatahub.oauth2.testkit.internal.Answers;
import io.github.osdatahub.oauth2.testkit.internal.GatewayJson;
import io.github.osdatahub.oauth2.testkit.internal.GridPoint;
import io.github.osdatahub.oauth2.testkit.internal.IssuedTokens;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The OS APIs behind the gateway. Every API path passes the same checks, in the gateway's order:
 * a CORS preflight is answered at once; then 404 for an unknown path, 405 for a method other than
 * GET or HEAD, 401 for the bearer token or API key, 403 for an API outside the project's plan
 * ({@code deniedApis}), 429 for the per-minute limit; only then does the API itself answer.
 */
final class ProtectedApis {
  static final String NAMES_API = "/search/names/v1";
  static final String PLACES_API = "/search/places/v1";
  static final String RASTER_API = "/maps/raster/v1";
  static final String VECTOR_API = "/maps/vector/v1";
  static final String FEATURES_API = "/features/ngd/ofa/v1";

  private final FakeOsDataHub hub;
  private final List<ApiRoute> routes;

  ProtectedApis(FakeOsDataHub hub) {
    this.hub = hub;
    NamesApi names = new NamesApi(hub);
    PlacesApi places = new PlacesApi(hub);
    MapsApi maps = new MapsApi(hub);
    VectorTileApi vectorTiles = new VectorTileApi(hub);
    FeaturesApi features = new FeaturesApi(hub);
    this.routes = List.of(
        ApiRoute.of(NAMES_API, "/find", names::find),
        ApiRoute.of(NAMES_API, "/nearest", names::nearest),
        ApiRoute.of(PLACES_API, "/find", places::find),
        ApiRoute.of(PLACES_API, "/postcode", places::postcode),
        ApiRoute.of(PLACES_API, "/nearest", places::nearest),
        ApiRoute.of(RASTER_API, "/zxy/([A-Za-z0-9_]+)/(\\d{1,2})/(\\d{1,9})/(\\d{1,9})\\.png", maps::zxyTile),
        ApiRoute.of(RASTER_API, "/wmts", maps::wmts),
        ApiRoute.of(VECTOR_API, "/vts", vectorTiles::metadata),
        ApiRoute.of(VECTOR_API, "/vts/resources/styles", vectorTiles::style),
        ApiRoute.of(VECTOR_API, "/vts/tile/(\\d{1,2})/(\\d{1,9})/(\\d{1,9})\\.pbf", vectorTiles::tile),
        ApiRoute.of(FEATURES_API, "/collections/([^/]+)/items", features::items));
  }

  void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
    if (request.method().equals("OPTIONS")) {
      Cors.answerPreflight(exchange, request);
      return;
    }
    for (ApiRoute route : routes) {
      Matcher path = route.path().matcher(request.path());
      if (path.matches()) {
        if (passesGateway(exchange, request, route.api())) {
          route.handler().answer(exchange, request, path);
        }
        return;
      }
    }
    Answers.json(exchange, 404, GatewayJson.fault("Unable to identify proxy for host: default and url: "
        + request.path(), "messaging.adaptors.http.flow.ApplicationNotFound"), Map.of());
  }

  /** The one check every API path gets; on failure sends the gateway's answer and returns false. */
  private boolean passesGateway(HttpExchange exchange, RecordedRequest request, String api) throws IOException {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      Answers.json(exchange, 405, GatewayJson.apiError(405, "Method not allowed: " + request.method()),
          Map.of("Allow", Cors.ALLOWED_METHODS));
      return false;
    }
    Settings settings = hub.settings();
    if (!authorized(exchange, request, settings)) {
      return false;
    }
    if (settings.denies(request.path())) {
      Answers.json(exchange, 403, GatewayJson.apiNotInPlan(), Map.of());
      return false;
    }
    if (settings.rateLimitPerMinute() > 0) {
      // One project per hub, so the bucket is the API.
      long waitMillis = hub.rateLimiter().tryAcquire(api, settings.rateLimitPerMinute(),
          hub.timeSource().currentTimeMillis());
      if (waitMillis > 0) {
        Map<String, String> headers = settings.retryAfterOnRateLimit()
            ? Map.of("Retry-After", Long.toString((waitMillis + 999) / 1000))
            : Map.of();
        Answers.json(exchange, 429, GatewayJson.quotaViolation(), headers);
        return false;
      }
    }
    return true;
  }

  /** Checks the credentials; on failure sends the 401 and returns false. */
  private boolean authorized(HttpExchange exchange, RecordedRequest request, Settings settings) throws IOException {
    Optional<String> authorization = request.header("Authorization");
    Optional<String> key = request.header("key").or(() -> request.queryParameter("key"));
    if (authorization.isPresent() && (isBearer(authorization.get()) || key.isEmpty())) {
      String token = isBearer(authorization.get()) ? authorization.get().strip().substring(6).strip() : "";
      IssuedTokens.Verdict verdict = hub.tokens().check(token, hub.timeSource().currentTimeMillis());
      if (verdict == IssuedTokens.Verdict.VALID) {
        return true;
      }
      boolean expired = verdict == IssuedTokens.Verdict.EXPIRED;
      Map<String, String> headers = settings.wwwAuthenticate()
          ? Map.of("WWW-Authenticate", GatewayJson.tokenChallenge(expired))
          : Map.of();
      Answers.json(exchange, 401, GatewayJson.tokenFault(expired), headers);
      return false;
    }
    if (key.isEmpty()) {
      Answers.json(exchange, 401, GatewayJson.fault("Failed to resolve API Key variable request.header.key",
          "steps.oauth.v2.FailedToResolveAPIKey"), Map.of());
      return false;
    }
    if (!hub.acceptsKey(key.get())) {
      Answers.json(exchange, 401, GatewayJson.fault("Invalid ApiKey", "oauth.v2.InvalidApiKey"), Map.of());
      return false;
    }
    return true;
  }

  private static boolean isBearer(String authorization) {
    String value = authorization.strip();
    return value.length() >= 6 && value.regionMatches(true, 0, "Bearer", 0, 6)
        && (value.length() == 6 || Character.isWhitespace(value.charAt(6)));
  }

  // ---- for the APIs' own answers ----

  /** The URI that was asked, on this hub, as OS echoes it in its answers. */
  static String requestUri(FakeOsDataHub hub, RecordedRequest request) {
    return hub.baseUri() + request.path() + (request.query().isEmpty() ? "" : "?" + request.query());
  }

  /** A 400 in the OS APIs' own envelope (inferred). */
  static void badRequest(HttpExchange exchange, String message) throws IOException {
    Answers.json(exchange, 400, GatewayJson.apiError(400, "Requested parameters are not valid. " + message),
        Map.of());
  }

  /** The {@code query} parameter of a search (Names, Places), or empty after answering 400 without one. */
  static Optional<String> requiredQuery(HttpExchange exchange, RecordedRequest request) throws IOException {
    Optional<String> query = request.queryParameter("query").filter(q -> !q.isBlank());
    if (query.isEmpty()) {
      badRequest(exchange, "The query parameter is required.");
    }
    return query;
  }

  /** The {@code point} parameter of a nearest search (Names, Places), or empty after answering 400. */
  static Optional<GridPoint> requiredPoint(HttpExchange exchange, RecordedRequest request) throws IOException {
    Optional<GridPoint> point = request.queryParameter("point").flatMap(GridPoint::parse);
    if (point.isEmpty()) {
      badRequest(exchange, "The point parameter must be an easting and a northing in British"
          + " National Grid, e.g. point=437293,115539.");
    }
    return point;
  }

  /**
   * {@code key=<the key>&} when the request carried the API key in its query, else empty: the
   * URLs an answer hands out (WMTS GetTile, vector style and tiles) carry it on, as OS's do, so a
   * client that authenticates by key can follow them.
   */
  static String keyParameter(RecordedRequest request) {
    return request.queryParameter("key")
        .map(key -> "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&")
        .orElse("");
  }
}
