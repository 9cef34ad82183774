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
    return first(raw, name, false);
  }

  /**
   * The first value of a parameter whose name matches in any case, as OGC KVP requests
   * ({@code SERVICE=WMTS} or {@code service=WMTS}) are read.
   *
   * @param raw the encoded text; null or empty for none
   * @param name the parameter name, compared ignoring case after decoding
   * @return the decoded value, or empty when absent
   */
  public static Optional<String> firstIgnoringCase(String raw, String name) {
    return first(raw, name, true);
  }

  private static Optional<String> first(String raw, String name, boolean ignoreCase) {
    if (raw == null || raw.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (ignoreCase ? key.equalsIgnoreCase(name) : key.equals(name)) {
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
