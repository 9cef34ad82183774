package io.github.osdatahub.oauth2.testkit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads {@code application/x-www-form-urlencoded} text: a form body or a URI's raw query. */
public final class FormData {
  private FormData() {}

  /**
   * The first value of a parameter.
   *
   * @param raw the encoded text ({@code a=1&b=2}); null or empty for none
   * @param name the parameter name, compared exactly after decoding
   * @return the decoded value ({@code ""} for {@code name} or {@code name=}), or empty when absent
   */
  public static Optional<String> first(String raw, String name) {
    if (raw == null || raw.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // a bad %-escape: keep the text as sent rather than fail the whole request
    }
  }
}
