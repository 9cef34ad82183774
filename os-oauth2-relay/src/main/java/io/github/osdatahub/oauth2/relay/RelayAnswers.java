package io.github.osdatahub.oauth2.relay;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.RateLimitedException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of {@link TokenRelay}'s answers: OS's token JSON, the OAuth-style error JSON, and the headers
 * every answer carries. Which answer to give is TokenRelay's decision; nothing here reads a request.
 */
final class RelayAnswers {
  private static final long MAX_RETRY_AFTER_SECONDS = 3600;

  private RelayAnswers() {}

  /** OS's four members, the numbers as strings as OS sends them. */
  static RelayResponse token(AccessToken token, long expiresInSeconds, long issuedAtMillis, String cors,
      boolean head) {
    Map<String, String> headers = headers(cors);
    if (head) {
      return new RelayResponse(200, headers, new byte[0]);
    }
    StringBuilder json = new StringBuilder(160).append("{\"access_token\":\"");
    appendJsonString(json, token.value());
    json.append("\",\"expires_in\":\"").append(expiresInSeconds)
        .append("\",\"issued_at\":\"").append(issuedAtMillis)
        .append("\",\"token_type\":\"Bearer\"}");
    return new RelayResponse(200, headers, json.toString().getBytes(StandardCharsets.US_ASCII));
  }

  // The exception's message may quote the token endpoint's answer, so only its type and retry-after are used.
  static RelayResponse unavailable(Throwable failure, String cors, boolean head) {
    Map<String, String> headers = headers(cors);
    headers.put("Retry-After", Long.toString(retryAfterSeconds(failure)));
    return error(503, "temporarily_unavailable", "no access token is available just now; try again later",
        headers, head);
  }

  private static long retryAfterSeconds(Throwable failure) {
    Throwable e = failure;
    for (int depth = 0; e != null && depth < 10; depth++, e = e.getCause()) { // a cause chain may loop
      if (e instanceof RateLimitedException limited && limited.retryAfter().isPresent()) {
        return Math.min(MAX_RETRY_AFTER_SECONDS, ceilSeconds(limited.retryAfter().get().toNanos()));
      }
    }
    return TokenRelay.DEFAULT_RETRY_AFTER.toSeconds();
  }

  static long ceilSeconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  static Map<String, String> headers(String corsOrigin) {
    Map<String, String> h = new LinkedHashMap<>(12);
    h.put("Content-Type", "application/json");
    h.put("Cache-Control", "no-store");
    h.put("Pragma", "no-cache");
    h.put("X-Content-Type-Options", "nosniff");
    if (corsOrigin != null) {
      h.put("Access-Control-Allow-Origin", corsOrigin);
      h.put("Access-Control-Expose-Headers", "Retry-After"); // so that the page can honour it
      h.put("Vary", "Origin");
    }
    return h;
  }

  static RelayResponse error(int status, String code, String description, Map<String, String> headers,
      boolean head) {
    byte[] body = head ? new byte[0] : ("{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}")
        .getBytes(StandardCharsets.US_ASCII);
    return new RelayResponse(status, headers, body);
  }

  // A token holds only visible ASCII (AccessToken checks), of which JSON escapes only these two.
  private static void appendJsonString(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
  }
}
