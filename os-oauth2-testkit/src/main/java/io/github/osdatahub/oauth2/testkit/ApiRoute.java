package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One path of one OS API: the API it belongs to (its name is its path prefix, and its rate-limit
 * bucket), the path pattern, and how it answers a request that has passed the gateway's checks.
 */
record ApiRoute(String api, Pattern path, Handler handler) {
  /** Answers an authorized, allowed, not rate-limited {@code GET} or {@code HEAD}. */
  @FunctionalInterface
  interface Handler {
    void answer(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException;
  }

  /** A route for {@code api + pathRegex}. */
  static ApiRoute of(String api, String pathRegex, Handler handler) {
    return new ApiRoute(api, Pattern.compile(Pattern.quote(api) + pathRegex), handler);
  }
}
