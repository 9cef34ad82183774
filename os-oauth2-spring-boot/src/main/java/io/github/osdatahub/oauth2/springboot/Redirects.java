package io.github.osdatahub.oauth2.springboot;

import java.net.URI;
import org.springframework.http.HttpMethod;

/** Which answers are redirects this module follows, where to, and with which method (RFC 9110 §15.4). */
final class Redirects {
  /** As browsers and the JDK client: enough for any real chain, and an end to a loop. */
  static final int MAX_HOPS = 5;

  private Redirects() {}

  /**
   * @return the absolute target of a redirect answer, or null when the answer is not one to follow: not
   *     301, 302, 303, 307 or 308, no usable {@code Location}, or a step down from https to http
   */
  static URI target(URI from, int status, String location) {
    if (location == null || (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)) {
      return null;
    }
    URI to;
    try {
      to = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      return null; // a Location that is not a URI: the caller gets the redirect itself
    }
    String scheme = to.getScheme();
    boolean ok = to.getHost() != null
        && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(from.getScheme()));
    return ok ? to : null;
  }

  /** 303, and 301/302 after a POST, become GET; 307 and 308 keep the method (and body). */
  static HttpMethod nextMethod(int status, HttpMethod method) {
    if (status == 303 && method != HttpMethod.HEAD) {
      return HttpMethod.GET;
    }
    if ((status == 301 || status == 302) && method == HttpMethod.POST) {
      return HttpMethod.GET;
    }
    return method;
  }
}
