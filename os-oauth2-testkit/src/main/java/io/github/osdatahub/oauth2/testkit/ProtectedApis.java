package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.osdatahub.oauth2.testkit.internal.Answers;
import io.github.osdatahub.oauth2.testkit.internal.GatewayJson;
import io.github.osdatahub.oauth2.testkit.internal.IssuedTokens;
import io.github.osdatahub.oauth2.testkit.internal.NamesAnswer;
import io.github.osdatahub.oauth2.testkit.internal.TileImage;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The OS APIs behind the gateway: Names {@code find} and Maps raster ZXY tiles, each checking the
 * bearer token or API key, the project's plan ({@code deniedApis}) and the per-minute limit.
 */
final class ProtectedApis {
  static final String NAMES_API = "/search/names/v1";
  static final String RASTER_API = "/maps/raster/v1";
  private static final String NAMES_FIND = NAMES_API + "/find";
  private static final Pattern RASTER_TILE =
      Pattern.compile("/maps/raster/v1/zxy/[A-Za-z0-9_]+/\\d{1,2}/\\d{1,9}/\\d{1,9}\\.png");

  private final FakeOsDataHub hub;

  ProtectedApis(FakeOsDataHub hub) {
    this.hub = hub;
  }

  void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
    String api = apiOf(request.path());
    if (api == null) {
      Answers.json(exchange, 404, GatewayJson.fault("Unable to identify proxy for host: default and url: "
          + request.path(), "messaging.adaptors.http.flow.ApplicationNotFound"), Map.of());
      return;
    }
    if (!request.method().equals("GET")) {
      Answers.json(exchange, 405, GatewayJson.apiError(405, "Method not allowed: " + request.method()),
          Map.of("Allow", "GET"));
      return;
    }
    Settings settings = hub.settings();
    if (!authorized(exchange, request, settings)) {
      return;
    }
    if (settings.denies(request.path())) {
      Answers.json(exchange, 403, GatewayJson.fault("Invalid API call as no apiproduct match found",
          "keymanagement.service.InvalidAPICallAsNoApiProductMatchFound"), Map.of());
      return;
    }
    if (settings.rateLimitPerMinute() > 0) {
      // One project per hub, so the bucket is the API.
      long waitMillis = hub.rateLimiter().tryAcquire(api, settings.rateLimitPerMinute(),
          hub.timeSource().currentTimeMillis());
      if (waitMillis > 0) {
        Map<String, String> headers = settings.retryAfterOnRateLimit()
            ? Map.of("Retry-After", Long.toString((waitMillis + 999) / 1000))
            : Map.of();
        Answers.json(exchange, 429, GatewayJson.fault(
            "Rate limit quota violation. Quota limit exceeded. Identifier : _default",
            "policies.ratelimit.QuotaViolation"), headers);
        return;
      }
    }
    if (api.equals(NAMES_API)) {
      names(exchange, request);
    } else {
      Answers.send(exchange, 200, "image/png", TileImage.png(), Map.of());
    }
  }

  private static String apiOf(String path) {
    if (path.equals(NAMES_FIND)) {
      return NAMES_API;
    }
    return RASTER_TILE.matcher(path).matches() ? RASTER_API : null;
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
      String faultString = expired ? "Access Token expired" : "Invalid Access Token";
      String errorCode = expired
          ? "keymanagement.service.access_token_expired"
          : "keymanagement.service.invalid_access_token";
      Map<String, String> headers = settings.wwwAuthenticate()
          ? Map.of("WWW-Authenticate", "Bearer realm=\"null\",error=\"invalid_token\",error_description=\""
              + errorCode + ": " + faultString + "\"")
          : Map.of();
      Answers.json(exchange, 401, GatewayJson.fault(faultString, errorCode), headers);
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

  private void names(HttpExchange exchange, RecordedRequest request) throws IOException {
    Optional<String> query = request.queryParameter("query");
    if (query.isEmpty() || query.get().isBlank()) {
      Answers.json(exchange, 400, GatewayJson.apiError(400,
          "Requested parameters are not valid. The query parameter is required."), Map.of());
      return;
    }
    String uri = hub.baseUri() + request.path() + "?" + request.query();
    Answers.json(exchange, 200, NamesAnswer.find(query.get(), uri), Map.of());
  }
}
