package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenAuthorizer;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.apache.internal.RequestAuthorization;
import java.io.IOException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The classic client's exec-chain element: puts the token on every hop the {@link TokenScope}
 * permits, and answers a 401 as core's {@link TokenAuthorizer} says: invalidate the token that was
 * sent and retry once with the provider's new one.
 *
 * <ul>
 *   <li>Scope is judged by the hop's route: the target's scheme, host and port (where Apache
 *       really connects, whatever the request URI names) and the request's path. Through a proxy
 *       only a TLS tunnel to an https target qualifies; the {@code CONNECT} never carries it.
 *   <li>Each redirect hop passes through it (it sits after redirect handling), so a hop to an
 *       origin out of scope carries no token, and a token this element added earlier in the same
 *       exchange is removed from it.
 *   <li>A request with the caller's own {@code Authorization} header is passed on untouched.
 *   <li>On a 401 to a request that carried our token: retry once, only if the request entity is
 *       repeatable (or absent) and the provider has a different token. The second answer is
 *       returned whatever it is: never a loop.
 *   <li>403 and 429 are answers, not token problems: returned as they are.
 *   <li>When no token can be had, the client's {@code execute} throws an {@link IOException}
 *       whose cause is the provider's {@link io.github.osdatahub.oauth2.OsOAuth2Exception}.
 * </ul>
 *
 * <p>Install it with {@link OsDataHubExecChain#installOn(org.apache.hc.client5.http.impl.classic.HttpClientBuilder,
 * TokenProvider)}.
 *
 * <pre>{@code
 * CloseableHttpClient client = OsDataHubExecChain.installOn(HttpClients.custom(), provider).build();
 * }</pre>
 */
public final class OsDataHubExecChainHandler implements ExecChainHandler {
  private final TokenAuthorizer authorizer;

  private OsDataHubExecChainHandler(TokenAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /**
   * A handler that sends the token to {@code api.os.uk} only.
   *
   * @param provider where tokens come from
   * @return the handler
   */
  public static OsDataHubExecChainHandler create(TokenProvider provider) {
    return create(provider, TokenScope.defaults());
  }

  /**
   * A handler that sends the token where the scope permits.
   *
   * @param provider where tokens come from
   * @param scope the hosts that may receive the token
   * @return the handler
   */
  public static OsDataHubExecChainHandler create(TokenProvider provider, TokenScope scope) {
    return new OsDataHubExecChainHandler(TokenAuthorizer.create(provider, scope));
  }

  /**
   * Authorizes this hop, proceeds, and retries once on a 401.
   *
   * @param request the request of this hop
   * @param chainScope the exchange's scope
   * @param chain the rest of the chain
   * @return the response
   * @throws IOException as the rest of the chain throws it, or when no token can be had (caused by
   *     the provider's {@link io.github.osdatahub.oauth2.OsOAuth2Exception})
   * @throws HttpException as the rest of the chain throws it
   */
  @Override
  public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope chainScope, ExecChain chain)
      throws IOException, HttpException {
    if (RequestAuthorization.callerAuthorized(request, chainScope.clientContext, chainScope.exchangeId)
        || !RequestAuthorization.permits(authorizer, chainScope.route, request)) {
      return chain.proceed(request, chainScope);
    }
    AccessToken sent = authorizer.token();
    Header[] arrived = request.getHeaders(); // the elements below add headers; a retry starts from these again
    RequestAuthorization.authorize(request, chainScope.clientContext, chainScope.exchangeId, sent);
    ClassicHttpResponse response = chain.proceed(request, chainScope);
    if (response.getCode() != HttpStatus.SC_UNAUTHORIZED || !repeatable(request)) {
      return response;
    }
    AccessToken fresh;
    try {
      fresh = authorizer.tokenForRetry(sent);
    } catch (IOException e) {
      discard(response, chainScope);
      throw e;
    }
    if (fresh == null) {
      return response; // the provider has no other token: give up rather than send the same again
    }
    discard(response, chainScope);
    request.setHeaders(arrived);
    RequestAuthorization.authorize(request, chainScope.clientContext, chainScope.exchangeId, fresh);
    return chain.proceed(request, chainScope);
  }

  /** Checked after the first attempt: Apache's entity proxy then knows whether the body was streamed. */
  private static boolean repeatable(ClassicHttpRequest request) {
    HttpEntity entity = request.getEntity();
    return entity == null || entity.isRepeatable();
  }

  /**
   * Lets go of a rejected response before the retry: a short body is read so the connection can
   * be reused; a long or unknown one is not read, the connection is dropped instead.
   */
  private static void discard(ClassicHttpResponse response, ExecChain.Scope chainScope) {
    HttpEntity entity = response.getEntity();
    long length = entity == null ? 0 : entity.getContentLength();
    try {
      if (length >= 0 && length <= TokenRequest.MAX_RESPONSE_BYTES) {
        EntityUtils.consume(entity);
      } else {
        chainScope.execRuntime.discardEndpoint();
      }
      response.close();
    } catch (IOException ignored) {
      // Only the rejected answer's connection is affected; the retry gets a connection of its own.
      chainScope.execRuntime.discardEndpoint();
    }
  }

  @Override
  public String toString() {
    return "OsDataHubExecChainHandler[" + authorizer.scope() + "]";
  }
}
