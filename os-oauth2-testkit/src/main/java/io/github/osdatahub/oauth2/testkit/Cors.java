package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.github.osdatahub.oauth2.testkit.internal.Answers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CORS on the API paths (never the token endpoint), so that a page on another origin can call the
 * APIs with {@code Authorization: Bearer} and read every answer, errors included: any origin,
 * {@code Authorization} and {@code key} allowed, the headers a page needs to see exposed. OS's own
 * sample page does exactly this against {@code api.os.uk} (see the README for what is inferred).
 */
final class Cors {
  /** What the APIs answer; OPTIONS is the preflight itself. */
  static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
  /** Response headers a page's script may read besides the always-safe ones. */
  static final String EXPOSED_HEADERS = "WWW-Authenticate, Retry-After, Allow";
  /** Chromium keeps a preflight at most two hours, so a longer max-age would only mislead. */
  static final String MAX_AGE_SECONDS = "7200";
  /**
   * Always allowed. A wildcard would not do: {@code Access-Control-Allow-Headers: *} never covers
   * {@code Authorization}.
   */
  private static final List<String> ALLOWED_HEADERS = List.of("Authorization", "key", "Content-Type", "Accept");

  private Cors() {}

  /** On every answer from an API path: any origin may read it, and these headers too. */
  static void allowAnyOrigin(Headers response) {
    response.set("Access-Control-Allow-Origin", "*");
    response.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  }

  /**
   * Answers an {@code OPTIONS} request on an API path: 204 with the methods and headers allowed,
   * without looking for credentials (a browser never sends them on a preflight).
   */
  static void answerPreflight(HttpExchange exchange, RecordedRequest request) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
    headers.put("Access-Control-Allow-Headers", allowedHeaders(request.header("Access-Control-Request-Headers")
        .orElse("")));
    headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
    headers.put("Allow", ALLOWED_METHODS);
    Answers.send(exchange, 204, null, new byte[0], headers);
  }

  /** The fixed list plus any other header the preflight asks for, so a page's own headers pass too. */
  private static String allowedHeaders(String requested) {
    List<String> allowed = new ArrayList<>(ALLOWED_HEADERS);
    List<String> known = new ArrayList<>();
    ALLOWED_HEADERS.forEach(name -> known.add(name.toLowerCase(Locale.ROOT)));
    for (String name : requested.split(",")) {
      String header = name.strip();
      if (header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") && !known.contains(header.toLowerCase(Locale.ROOT))) {
        known.add(header.toLowerCase(Locale.ROOT));
        allowed.add(header);
      }
    }
    return String.join(", ", allowed);
  }
}
