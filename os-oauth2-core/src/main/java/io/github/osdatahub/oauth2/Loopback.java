package io.github.osdatahub.oauth2;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a host is loopback, judged by its literal form alone: no name is ever looked up, so a
 * name that merely starts with {@code 127.} (say {@code 127.0.0.1.nip.io}) is not loopback.
 */
final class Loopback {
  // Four decimal octets in 127.0.0.0/8, without leading zeros (some parsers read those as octal).
  private static final String V4 = "127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";
  // ::1 in any spelling of its zero groups, or IPv4-mapped ::ffff:127.x.x.x (dotted or hex); no zone.
  private static final Pattern LITERAL = Pattern.compile("localhost|" + V4 + "|(0{0,4}:){2,7}0{0,3}1"
      + "|(0{0,4}:){2,6}ffff:(" + V4 + "|7f[0-9a-f]{2}:[0-9a-f]{1,4})");

  private Loopback() {}

  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return LITERAL.matcher(h.toLowerCase(Locale.ROOT)).matches();
  }
}
