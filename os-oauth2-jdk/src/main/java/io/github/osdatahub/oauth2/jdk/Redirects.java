package io.github.osdatahub.oauth2.jdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * The JDK's redirect rules, applied by {@link OsDataHubHttpClient} when it follows redirects itself:
 * which statuses redirect, which method the next hop uses, and which targets a policy allows.
 */
final class Redirects {
  /** The most hops followed for one call, as the JDK's default. */
  static final int MAX_HOPS = 5;

  private Redirects() {}

  /** 301, 302, 303, 307 and 308 redirect; 300, 304, 305 and 306 do not. */
  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** The next hop's method: 303 becomes GET, a POST redirected by 301 or 302 becomes GET. */
  static String nextMethod(int status, String method) {
    if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
      return "GET";
    }
    return method;
  }

  /**
   * Where the answer points, resolved against the request's URI; empty when absent, malformed, or
   * not an http or https URI with a host (ftp:, file:, javascript: and the like), so that such an
   * answer is returned as it is, as the JDK returns a redirect it does not follow.
   */
  static Optional<URI> target(URI from, HttpHeaders headers) {
    Optional<String> location = headers.firstValue("Location");
    if (location.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI to = from.resolve(new URI(location.get().strip()));
      return isHttp(to) && to.getHost() != null ? Optional.of(to) : Optional.empty();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether two URIs share an origin: scheme, host and port (a missing port is the scheme's
   * default). A caller's {@code Authorization}, {@code Cookie}, {@code Origin} and {@code Referer}
   * follow a redirect only within one origin.
   */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static boolean isHttp(URI uri) {
    String scheme = uri.getScheme();
    return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /** NORMAL follows unless https goes to http; ALWAYS follows; NEVER does not. */
  static boolean allows(HttpClient.Redirect policy, URI from, URI to) {
    switch (policy) {
      case ALWAYS:
        return true;
      case NORMAL:
        return to.getScheme().equalsIgnoreCase(from.getScheme()) || to.getScheme().equalsIgnoreCase("https");
      default:
        return false;
    }
  }
}
