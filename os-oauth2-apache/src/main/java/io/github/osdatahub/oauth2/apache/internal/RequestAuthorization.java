package io.github.osdatahub.oauth2.apache.internal;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenScope;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;

/**
 * What the interceptor and the exec-chain handlers do with a request's {@code Authorization}
 * header, in one place: ask {@link TokenScope}, add the bearer header, and tell a header this SDK
 * added (remembered in the exchange's context) from one the caller set, which is never touched.
 */
public final class RequestAuthorization {
  /** Context attribute holding the token this SDK last put on the exchange. */
  private static final String ADDED_TOKEN = "io.github.osdatahub.oauth2.apache.added-token";

  private RequestAuthorization() {}

  /**
   * Whether the scope lets a token go with this request, judged by the request's own scheme,
   * authority and path (a request without an authority gets no token).
   *
   * @param scope the allowed hosts
   * @param request the request of this hop
   * @return true when a token may be added
   */
  public static boolean permits(TokenScope scope, HttpRequest request) {
    URIAuthority authority = request.getAuthority();
    return authority != null && scope.permits(request.getScheme(), authority.getHostName(), authority.getPort(), request.getPath());
  }

  /**
   * Whether the caller set an {@code Authorization} header of their own. A header this SDK added
   * earlier in the same exchange is not the caller's: it is removed here, so that a hop the scope
   * does not permit never carries it.
   *
   * @param request the request of this hop
   * @param context the exchange's context, or null
   * @return true when the caller's own header is present
   */
  public static boolean callerAuthorized(HttpRequest request, HttpContext context) {
    Header header = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return false;
    }
    Object added = context == null ? null : context.getAttribute(ADDED_TOKEN);
    if (added instanceof AccessToken && ((AccessToken) added).authorizationHeader().equals(header.getValue())) {
      request.removeHeaders(HttpHeaders.AUTHORIZATION);
      return false;
    }
    return true;
  }

  /**
   * Puts the token on the request and remembers in the context that this SDK added it.
   *
   * @param request the request of this hop
   * @param context the exchange's context, or null
   * @param token the token
   */
  public static void authorize(HttpRequest request, HttpContext context, AccessToken token) {
    request.setHeader(HttpHeaders.AUTHORIZATION, token.authorizationHeader());
    if (context != null) {
      context.setAttribute(ADDED_TOKEN, token);
    }
  }
}
