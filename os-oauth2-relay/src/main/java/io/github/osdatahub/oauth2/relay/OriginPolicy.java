package io.github.osdatahub.oauth2.relay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who may ask for a token, by where the browser says the request comes from: the same origin (the
 * {@code Origin} header against the request's own {@code Host}), an allow-listed origin, or a client that
 * is no browser page of another site (no {@code Origin}, and no {@code Sec-Fetch-Site} saying
 * {@code cross-site} or {@code same-site}). This is what a browser proves, not authentication: a
 * non-browser client can send any header, which is what the session check is for.
 */
final class OriginPolicy {
  /** What the policy says of one request. */
  enum Access {
    /** Same origin, or no browser context that says otherwise: answer without CORS headers. */
    SAME_ORIGIN,
    /** An allow-listed origin: answer with CORS headers that name it. */
    ALLOWED_ORIGIN,
    /** Another site's page, not allow-listed. */
    FORBIDDEN
  }

  private final Set<String> allowed; // normalized: scheme://host:port

  OriginPolicy(Set<String> allowedNormalized) {
    this.allowed = Set.copyOf(allowedNormalized);
  }

  Access decide(String origin, String fetchSite, String host) {
    boolean otherSite = fetchSite != null
        && ("cross-site".equalsIgnoreCase(fetchSite.strip()) || "same-site".equalsIgnoreCase(fetchSite.strip()));
    if (origin == null) {
      return otherSite ? Access.FORBIDDEN : Access.SAME_ORIGIN;
    }
    String normalized = normalize(origin);
    if (normalized == null) {
      return Access.FORBIDDEN; // "null" (a sandboxed or file: page), or garbage
    }
    if (allowed.contains(normalized)) {
      return Access.ALLOWED_ORIGIN;
    }
    return !otherSite && sameAsHost(normalized, host) ? Access.SAME_ORIGIN : Access.FORBIDDEN;
  }

  Set<String> allowed() {
    return allowed;
  }

  /**
   * @param origin a serialized origin, {@code scheme://host[:port]}
   * @return it as {@code scheme://host:port} in lower case with the port explicit, or null when it is
   *     not an http(s) origin
   */
  static String normalize(String origin) {
    try {
      URI uri = new URI(origin.strip());
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
          && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
      if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || !bare) {
        return null;
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  static Set<String> normalizeAll(Iterable<String> origins) {
    Set<String> out = new LinkedHashSet<>();
    for (String origin : origins) {
      String n = origin == null ? null : normalize(origin);
      if (n == null) {
        throw new IllegalArgumentException("allowedOrigins: \"" + origin + "\" is not an origin: write it as a "
            + "browser sends it, scheme://host[:port] (http or https), with no path, such as https://maps.example.com");
      }
      out.add(n);
    }
    return out;
  }

  // The Host header names the authority the client asked for; without a port it is the scheme's default,
  // which we take from the Origin (behind a TLS-terminating proxy the request itself may be plain http).
  private static boolean sameAsHost(String normalizedOrigin, String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String scheme = normalizedOrigin.substring(0, normalizedOrigin.indexOf(':'));
    String own = normalize(scheme + "://" + host.strip());
    return normalizedOrigin.equals(own);
  }

  private static int defaultPort(String scheme) {
    return "https".equals(scheme) ? 443 : 80;
  }
}
