package io.github.osdatahub.oauth2.apache.internal;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenAuthorizer;
import java.net.InetAddress;
import org.apache.hc.client5.http.RouteInfo;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * What the interceptor and the exec-chain handlers do with a request's {@code Authorization}
 * header, in one place: ask the {@link TokenAuthorizer} about the host Apache will really connect to, add
 * the bearer header, and tell a header this SDK added in the current exchange from one the caller
 * set, which is never touched.
 */
public final class RequestAuthorization {
  /** Context attribute holding what this SDK last put on which exchange ({@link Added}). */
  private static final String ADDED = "io.github.osdatahub.oauth2.apache.added-authorization";

  /**
   * A header this SDK added, and the exchange it added it to. A context may be reused for many
   * exchanges; keyed by exchange id, a caller's header on a later exchange is never taken for ours,
   * even when it holds the same token.
   */
  private static final class Added {
    final String exchangeId;
    final String header;

    Added(String exchangeId, String header) {
      this.exchangeId = exchangeId;
      this.header = header;
    }
  }

  private RequestAuthorization() {}

  /**
   * Whether the scope lets a token go with this request on this route. Judged by the route's
   * target (where Apache connects, whatever the request's own URI says) and the request's path:
   * <ul>
   *   <li>no route, or a {@code CONNECT}: no token;
   *   <li>through a proxy, only a TLS tunnel to an https target: anything else the proxy reads;
   *   <li>a target pinned to an address (not looked up by name) over plain http: only a loopback
   *       address, whatever name it carries.
   * </ul>
   *
   * @param authorizer holds the allowed origins
   * @param route the route of this hop, or null when it cannot be known
   * @param request the request of this hop
   * @return true when a token may be added
   */
  public static boolean permits(TokenAuthorizer authorizer, RouteInfo route, HttpRequest request) {
    if (route == null || request == null || Method.CONNECT.isSame(request.getMethod())) {
      return false;
    }
    HttpHost target = route.getTargetHost();
    if (target == null) {
      return false;
    }
    String scheme = target.getSchemeName();
    boolean https = URIScheme.HTTPS.same(scheme);
    if (route.getProxyHost() != null && !(https && route.isTunnelled() && route.isLayered())) {
      return false; // the proxy would read the request, token and all
    }
    InetAddress address = target.getAddress();
    if (!https && address != null && !address.isLoopbackAddress()) {
      return false; // connected to this address, not to the (loopback) name the host carries
    }
    return authorizer.permits(scheme, target.getHostName(), target.getPort(), pathOf(request));
  }

  /** The raw path without the query: a server reads {@code /oauth2/token?x} as the token path. */
  private static String pathOf(HttpRequest request) {
    String path = request.getPath();
    int query = path == null ? -1 : path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /**
   * Whether the caller set an {@code Authorization} header of their own. A header this SDK added
   * earlier in the same exchange is not the caller's: it is removed here, so that a hop the scope
   * does not permit never carries it.
   *
   * @param request the request of this hop
   * @param context the exchange's context
   * @param exchangeId the exchange's id (the same on every hop and retry of one {@code execute})
   * @return true when the caller's own header is present
   */
  public static boolean callerAuthorized(HttpRequest request, HttpContext context, String exchangeId) {
    Header header = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return false;
    }
    Object added = context == null ? null : context.getAttribute(ADDED);
    if (added instanceof Added && ((Added) added).exchangeId.equals(exchangeId)
        && ((Added) added).header.equals(header.getValue())) {
      request.removeHeaders(HttpHeaders.AUTHORIZATION);
      return false;
    }
    return true;
  }

  /**
   * Puts the token on the request and remembers in the context that this SDK added it to this
   * exchange.
   *
   * @param request the request of this hop
   * @param context the exchange's context
   * @param exchangeId the exchange's id
   * @param token the token
   */
  public static void authorize(HttpRequest request, HttpContext context, String exchangeId, AccessToken token) {
    request.setHeader(HttpHeaders.AUTHORIZATION, token.authorizationHeader());
    if (context != null && exchangeId != null) {
      context.setAttribute(ADDED, new Added(exchangeId, token.authorizationHeader()));
    }
  }
}
