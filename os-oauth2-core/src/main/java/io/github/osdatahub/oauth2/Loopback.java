package io.github.osdatahub.oauth2;

import java.util.Locale;

/**
 * Whether a host is loopback, judged by its literal form alone: no name is ever looked up, so a
 * name that merely starts with {@code 127.} (say {@code 127.0.0.1.nip.io}) is not loopback.
 */
final class Loopback {
  private Loopback() {}

  static boolean isLoopback(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    h = h.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (h.indexOf(':') >= 0) {
      int[] groups = ipv6Groups(h);
      return groups != null && isLoopbackV6(groups);
    }
    int[] octets = ipv4Octets(h);
    return octets != null && octets[0] == 127;
  }

  private static boolean isLoopbackV6(int[] g) {
    for (int i = 0; i < 5; i++) {
      if (g[i] != 0) {
        return false;
      }
    }
    if (g[5] == 0 && g[6] == 0) {
      return g[7] == 1; // ::1
    }
    return g[5] == 0xffff && (g[6] >> 8) == 127; // ::ffff:127.x.x.x
  }

  // No leading zeros: some parsers read them as octal, so 0127.0.0.1 is not what it seems.
  static int[] ipv4Octets(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
          || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      octets[i] = Integer.parseInt(p);
      if (octets[i] > 255) {
        return null;
      }
    }
    return octets;
  }

  static int[] ipv6Groups(String s) {
    if (s.indexOf('%') >= 0) {
      return null;
    }
    int dc = s.indexOf("::");
    if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
      return null;
    }
    String head = dc >= 0 ? s.substring(0, dc) : s;
    String tail = dc >= 0 ? s.substring(dc + 2) : "";
    int[] h = groups(head);
    int[] t = groups(tail);
    if (h == null || t == null) {
      return null;
    }
    int missing = 8 - h.length - t.length;
    if ((dc < 0 && missing != 0) || (dc >= 0 && missing < 1)) {
      return null;
    }
    int[] all = new int[8];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(t, 0, all, 8 - t.length, t.length);
    return all;
  }

  private static int[] groups(String part) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    int last = pieces.length - 1;
    int[] v4 = pieces[last].indexOf('.') >= 0 ? ipv4Octets(pieces[last]) : null;
    if (pieces[last].indexOf('.') >= 0 && v4 == null) {
      return null;
    }
    int[] out = new int[pieces.length + (v4 != null ? 1 : 0)];
    for (int i = 0; i < pieces.length - (v4 != null ? 1 : 0); i++) {
      String p = pieces[i];
      if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return null;
      }
      out[i] = Integer.parseInt(p, 16);
    }
    if (v4 != null) {
      out[out.length - 2] = (v4[0] << 8) | v4[1];
      out[out.length - 1] = (v4[2] << 8) | v4[3];
    }
    return out;
  }
}
