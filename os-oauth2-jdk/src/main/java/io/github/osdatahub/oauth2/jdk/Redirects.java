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

  /** Where the answer points, resolved against the request's URI; empty when absent or malformed. */
  static Optional<URI> target(URI from, HttpHeaders headers) {
    Optional<String> location = headers.firstValue("Location");
    if (location.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI to = from.resolve(new URI(location.get().strip()));
      return to.isAbsolute() && to.getHost() != null ? Optional.of(to) : Optional.empty();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
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
