package io.github.osdatahub.oauth2.okhttp;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenAuthorizer;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import java.io.IOException;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * An OkHttp {@link Authenticator} that recovers once from a rejected OS Data Hub token.
 *
 * <p>On a 401 to a request that carried a token from {@link OsDataHubInterceptor}, it applies core's
 * {@link TokenAuthorizer}: invalidate that very token (so a hundred requests rejected with one
 * token cause one refresh) and send the request again with the provider's new one. It gives up
 * (returns {@code null}, so OkHttp hands the 401 to the caller) when the request already was its
 * retry (at most two attempts per call, never a loop), or when the provider has no other token.
 *
 * <p>Each hop is judged on its own URL by the {@link TokenScope} (origin with port, and never the
 * token path), as {@link OsDataHubInterceptor#installOn} checks every hop OkHttp sends: a 401 from a
 * hop the scope refuses did not judge our token, so it never leads to a refresh or a retry with a
 * token. It never acts on 403 (not in the project's plan), 429 (rate limited) or 407 (proxy
 * authentication). Those, and 401s to requests that did not carry one of our tokens (another
 * origin, a hop the scope refuses, or an {@code Authorization} header the caller set), go to the
 * delegate authenticator if one was given, else back to the caller. For a 401 from a hop the scope
 * refuses, the delegate sees the request without our token, as it went out. For any other status
 * (a 407 from the application's proxy, say) it sees the request as sent, token included, so that the
 * request it builds for the same hop keeps it: OkHttp does not run application interceptors again
 * for an authenticator's request.
 *
 * <p>OkHttp calls an authenticator on the call's own thread, so the new token comes from the
 * blocking {@link TokenProvider#token()}; when none can be had the call fails with an
 * {@link IOException} caused by the provider's exception.
 *
 * <p>Install it with {@link OsDataHubInterceptor#installOn}, which also adds the interceptor and the
 * per-hop check:
 *
 * <pre>{@code
 * OkHttpClient client = OsDataHubInterceptor.installOn(new OkHttpClient.Builder(), provider).build();
 * }</pre>
 */
public final class OsDataHubAuthenticator implements Authenticator {
  /** Marks the request this authenticator built, so that its 401 ends the call. */
  private enum Retried { INSTANCE }

  private final TokenAuthorizer authorizer;
  private final Authenticator delegate;

  OsDataHubAuthenticator(TokenAuthorizer authorizer, Authenticator delegate) {
    this.authorizer = authorizer;
    this.delegate = delegate;
  }

  /**
   * An authenticator for {@link TokenScope#defaults()}, with no delegate.
   *
   * @param provider the provider the interceptor takes tokens from
   * @return the authenticator
   */
  public static OsDataHubAuthenticator create(TokenProvider provider) {
    return create(provider, TokenScope.defaults(), null);
  }

  /**
   * An authenticator for the given hosts, with no delegate.
   *
   * @param provider the provider the interceptor takes tokens from
   * @param scope where tokens may be sent; the interceptor's
   * @return the authenticator
   */
  public static OsDataHubAuthenticator create(TokenProvider provider, TokenScope scope) {
    return create(provider, scope, null);
  }

  /**
   * An authenticator that passes what it does not handle to another.
   *
   * @param provider the provider the interceptor takes tokens from
   * @param scope where tokens may be sent; the interceptor's
   * @param delegate the application's own authenticator for every other challenge, or null
   * @return the authenticator
   */
  public static OsDataHubAuthenticator create(TokenProvider provider, TokenScope scope, Authenticator delegate) {
    return new OsDataHubAuthenticator(TokenAuthorizer.create(provider, scope), delegate);
  }

  @Override
  public Request authenticate(Route route, Response response) throws IOException {
    Request failed = response.request();
    // Ours only when the request still carries the header the interceptor set: OkHttp keeps tags
    // but drops the header on a redirect to another origin, and a caller's own header is not ours.
    AccessToken sent = response.code() == 401 ? PerHopTokenGuard.sdkToken(failed) : null;
    if (sent == null) {
      return delegate(route, response);
    }
    if (!PerHopTokenGuard.permits(authorizer, failed.url())) {
      // A hop the scope refuses (e.g. a same-origin redirect to the token path): the network guard
      // kept the token off it, so this 401 did not judge our token. The delegate sees the request
      // as it went out, without the token, so that nothing it builds from it can carry the token.
      Request asSent = PerHopTokenGuard.withoutSdkToken(failed, sent);
      return delegate(route, response.newBuilder().request(asSent).build());
    }
    if (failed.tag(Retried.class) != null) {
      return null;
    }
    AccessToken fresh = authorizer.tokenForRetry(sent);
    if (fresh == null) {
      return null;
    }
    return PerHopTokenGuard.withoutSdkToken(failed, sent).newBuilder()
        .addHeader("Authorization", fresh.authorizationHeader())
        .tag(AccessToken.class, fresh)
        .tag(Retried.class, Retried.INSTANCE)
        .build();
  }

  private Request delegate(Route route, Response response) throws IOException {
    return delegate == null ? null : delegate.authenticate(route, response);
  }

  @Override
  public String toString() {
    return "OsDataHubAuthenticator[" + authorizer.scope() + (delegate == null ? "" : ", then " + delegate) + "]";
  }
}
