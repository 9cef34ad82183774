package io.github.osdatahub.oauth2;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The rule that a bearer token never goes to the token endpoint's path, judged on the path as a
 * server would read it: percent-escapes decoded, case folded, empty and dot segments resolved. So
 * {@code /x/../oauth2/token/v1}, {@code //oauth2/token/v1}, {@code /%6Fauth2/token/v1} and
 * {@code /OAUTH2/TOKEN/v1} all count.
 */
final class TokenEndpointPath {
  private TokenEndpointPath() {}

  static boolean matches(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return false;
    }
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : decode(rawPath).toLowerCase(Locale.ROOT).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    return segments.size() >= 2 && "oauth2".equals(segments.pollFirst()) && "token".equals(segments.pollFirst());
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
