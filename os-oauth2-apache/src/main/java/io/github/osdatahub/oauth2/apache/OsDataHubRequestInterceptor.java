package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.apache.internal.RequestAuthorization;
import java.util.Objects;
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
 * When no token can be had, the {@link io.github.osdatahub.oauth2.OsOAuth2Exception} propagates
 * from the client's {@code execute}.
 *
 * <pre>{@code
 * CloseableHttpClient client = HttpClients.custom()
 *     .addRequestInterceptorLast(OsDataHubRequestInterceptor.create(provider))
 *     .build();
 * }</pre>
 */
public final class OsDataHubRequestInterceptor implements HttpRequestInterceptor {
  private final TokenProvider provider;
  private final TokenScope scope;

  private OsDataHubRequestInterceptor(TokenProvider provider, TokenScope scope) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /**
   * An interceptor that sends the token to {@code api.os.uk} only.
   *
   * @param provider where tokens come from
   * @return the interceptor
   */
  public static OsDataHubRequestInterceptor create(TokenProvider provider) {
    return new OsDataHubRequestInterceptor(provider, TokenScope.defaults());
  }

  /**
   * An interceptor that sends the token where the scope permits.
   *
   * @param provider where tokens come from
   * @param scope the hosts that may receive the token
   * @return the interceptor
   */
  public static OsDataHubRequestInterceptor create(TokenProvider provider, TokenScope scope) {
    return new OsDataHubRequestInterceptor(provider, scope);
  }

  /**
   * Adds the bearer header when the request has none and this hop's route is in scope.
   *
   * @param request the request of this hop
   * @param entity the request entity, or null
   * @param context the exchange's context
   * @throws io.github.osdatahub.oauth2.OsOAuth2Exception when no token can be had
   */
  @Override
  public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
    if (!request.containsHeader(HttpHeaders.AUTHORIZATION)
        && RequestAuthorization.permits(scope, HttpClientContext.castOrCreate(context).getHttpRoute(), request)) {
      request.setHeader(HttpHeaders.AUTHORIZATION, provider.token().authorizationHeader());
    }
  }

  @Override
  public String toString() {
    return "OsDataHubRequestInterceptor[" + scope + "]";
  }
}
