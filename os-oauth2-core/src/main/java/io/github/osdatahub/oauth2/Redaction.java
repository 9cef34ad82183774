package io.github.osdatahub.oauth2;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place secrets are kept out of text quoted from an answer: masks one request's known
 * secrets (the project secret, the Basic credentials plain and base64), the value after
 * {@code Basic} or {@code Bearer}, and {@code access_token}-like members in JSON or form encoding.
 */
final class Redaction {
  public static final int MAX_EXCERPT = 120;

  private static final String MASK = "****";

  /** Compiled when the first excerpt is made, not by every provider on its way to a first token. */
  private static final class Patterns {
    // A JSON member whose value is a token: the string may be cut off by the excerpt, hence (\"|$).
    static final Pattern TOKEN_MEMBER = Pattern.compile(
        "(\"(?:access_token|refresh_token|id_token|client_secret)\"\\s*:\\s*)(?:\"(?:[^\"\\\\]++|\\\\.?)*+(?:\"|$)|[^,}\\s]++)",
        Pattern.CASE_INSENSITIVE);
    static final Pattern TOKEN_FORM = Pattern.compile(
        "\\b((?:access_token|refresh_token|id_token|client_secret)=)[^&\\s\"]*+", Pattern.CASE_INSENSITIVE);
    static final Pattern AUTH_VALUE = Pattern.compile(
        "\\b(Basic|Bearer)(\\s++)[A-Za-z0-9+/=._~-]++", Pattern.CASE_INSENSITIVE);
    // What Character.isISOControl calls control, and the line and paragraph separators.
    static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");
  }

  /** Longest first, so that "key:secret" is masked whole before "secret" is looked for. */
  private static final class LongestFirst implements Comparator<String> {
    @Override
    public int compare(String a, String b) {
      return Integer.compare(b.length(), a.length());
    }
  }

  private final List<String> secrets;

  private Redaction(List<String> secrets) {
    this.secrets = secrets;
  }

  public static Redaction of(TokenRequest request) {
    List<String> secrets = new ArrayList<>();
    String encoded = request.headers().get("Authorization").substring("Basic ".length()); // TokenRequest sets it
    secrets.add(encoded);
    try {
      String keyAndSecret = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      secrets.add(keyAndSecret);
      int colon = keyAndSecret.indexOf(':');
      if (colon >= 0 && colon < keyAndSecret.length() - 1) {
        String secret = keyAndSecret.substring(colon + 1);
        secrets.add(secret);
        // RFC 6749 encoding sends the secret form-urlencoded; a server may echo it decoded.
        String decoded = URLDecoder.decode(secret, StandardCharsets.UTF_8);
        if (!decoded.equals(secret) && !decoded.isBlank()) {
          secrets.add(decoded);
        }
      }
    } catch (IllegalArgumentException e) {
      // A raw secret with a stray '%', which is no form encoding: its plain forms are already in.
    }
    secrets.sort(new LongestFirst());
    return new Redaction(List.copyOf(secrets));
  }

  public boolean isRevealedBy(Throwable error) {
    return revealedBy(error, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  // The message of the throwable, its causes and its suppressed ones, each once (a chain may loop).
  private boolean revealedBy(Throwable t, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return false;
    }
    String m = t.getMessage();
    return m != null && secrets.stream().anyMatch(m::contains) || revealedBy(t.getCause(), seen)
        || Arrays.stream(t.getSuppressed()).anyMatch(suppressed -> revealedBy(suppressed, seen));
  }

  public String excerpt(String text) {
    String s = text == null ? "" : text;
    // Known secrets first, in the whole text, so the cut cannot leave half of one behind.
    for (String secret : secrets) {
      s = s.replace(secret, MASK);
    }
    boolean cut = s.length() > MAX_EXCERPT;
    if (cut) { // never between the two halves of a surrogate pair
      s = s.substring(0, Character.isHighSurrogate(s.charAt(MAX_EXCERPT - 1)) ? MAX_EXCERPT - 1 : MAX_EXCERPT);
    }
    s = Patterns.TOKEN_MEMBER.matcher(s).replaceAll("$1\"" + MASK + "\"");
    s = Patterns.TOKEN_FORM.matcher(s).replaceAll("$1" + MASK);
    s = Patterns.AUTH_VALUE.matcher(s).replaceAll("$1$2" + MASK);
    String out = Patterns.CONTROL.matcher(s).replaceAll(" ").strip();
    return cut && !out.isEmpty() ? out + "..." : out;
  }
}
