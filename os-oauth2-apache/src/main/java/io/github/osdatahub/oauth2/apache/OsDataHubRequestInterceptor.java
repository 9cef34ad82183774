package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.TokenAuthorizer;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.apache.internal.RequestAuthorization;
import java.io.IOException;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The simple case: a request interceptor that adds {@code Authorization: Bearer ...} to requests
 * the {@link TokenScope} permits (default {@code api.os.uk} over https), and leaves alone a request
 * that already has an {@code Authorization} header.
 *
 * <p>Scope is judged by the route Apache put in the context for this hop: its target's scheme,
 * host and port (where the connection really goes, whatever the request URI names) and the
 * request's path. No route in the context, a plain-http route through a proxy, or a
 * {@code CONNECT}: no token. Request interceptors run once per hop, after redirect handling, so a
 * redirect to another origin gets no token. What this interceptor does not do is answer a 401:
 * for the single retry with a fresh token, use {@link OsDataHubExecChain} instead (not both).
 *
 * <p>For the classic client. On the async client interceptors run on an I/O reactor thread, and
 * this one would block it while a token is fetched; use {@link OsDataHubExecChain} there.
 * When no token can be had, the client's {@code execute} throws an {@link IOException} whose cause
 * is the provider's {@link io.github.osdatahub.oauth2.OsOAuth2Exception}.
 *
 * <pre>{@code
 * CloseableHttpClient client = HttpClients.custom()
 *     .addRequestInterceptorLast(OsDataHubRequestInterceptor.create(provider))
 *     .build();
 * }</pre>
 */
public final class OsDataHubRequestInterceptor implements HttpRequestInterceptor {
  private final TokenAuthorizer authorizer;

  private OsDataHubRequestInterceptor(TokenAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /**
   * An interceptor that sends the token to {@code api.os.uk} only.
   *
   * @param provider where tokens come from
   * @return the interceptor
   */
  public static OsDataHubRequestInterceptor create(TokenProvider provider) {
    return create(provider, TokenScope.defaults());
  }

  /**
   * An interceptor that sends the token where the scope permits.
   *
   * @param provider where tokens come from
   * @param scope the hosts that may receive the token
   * @return the interceptor
   */
  public static OsDataHubRequestInterceptor create(TokenProvider provider, TokenScope scope) {
    return new OsDataHubRequestInterceptor(TokenAuthorizer.create(provider, scope));
  }

  /**
   * Adds the bearer header when the request has none and this hop's route is in scope.
   *
   * @param request the request of this hop
   * @param entity the request entity, or null
   * @param context the exchange's context
   * @throws IOException when no token can be had, caused by the provider's
   *     {@link io.github.osdatahub.oauth2.OsOAuth2Exception}
   */
  @Override
  public void process(HttpRequest request, EntityDetails entity, HttpContext context) throws IOException {
    if (!request.containsHeader(HttpHeaders.AUTHORIZATION)
        && RequestAuthorization.permits(authorizer, HttpClientContext.castOrCreate(context).getHttpRoute(), request)) {
      request.setHeader(HttpHeaders.AUTHORIZATION, authorizer.token().authorizationHeader());
    }
  }

  @Override
  public String toString() {
    return "OsDataHubRequestInterceptor[" + authorizer.scope() + "]";
  }
}
