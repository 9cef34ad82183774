package io.github.osdatahub.oauth2.okhttp;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * An OkHttp {@link Authenticator} that recovers once from a rejected OS Data Hub token.
 *
 * <p>On a 401 to a request that carried a token from {@link OsDataHubInterceptor}, it invalidates
 * that very token (the one the request carried, not whatever the provider holds now, so that a
 * hundred requests rejected with one token cause one refresh) and returns the request again with a
 * fresh token. It gives up (returns {@code null}, so OkHttp hands the 401 to the caller) when:
 * <ul>
 *   <li>the request already was its retry: at most two attempts per call, never a loop;
 *   <li>the provider returns the token that was just rejected;
 *   <li>the request's host is not in the {@link TokenScope}.
 * </ul>
 * It never acts on 403 (not in the project's plan), 429 (rate limited) or 407 (proxy
 * authentication). Those, and 401s to requests that did not carry one of our tokens (another host,
 * or an {@code Authorization} header the caller set), go to the delegate authenticator if one was
 * given, else back to the caller.
 *
 * <p>OkHttp calls an authenticator on the call's own thread, so the fresh token comes from the
 * blocking {@link TokenProvider#token()}.
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .addInterceptor(OsDataHubInterceptor.create(provider))
 *     .authenticator(OsDataHubAuthenticator.create(provider))
 *     .build();
 * }</pre>
 */
public final class OsDataHubAuthenticator implements Authenticator {
  /** Marks the request this authenticator built, so that its 401 ends the call. */
  private enum Retried { INSTANCE }

  private final TokenProvider provider;
  private final TokenScope scope;
  private final Authenticator delegate;

  private OsDataHubAuthenticator(TokenProvider provider, TokenScope scope, Authenticator delegate) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.scope = Objects.requireNonNull(scope, "scope");
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
    return new OsDataHubAuthenticator(provider, scope, delegate);
  }

  @Override
  public Request authenticate(Route route, Response response) throws IOException {
    Request failed = response.request();
    AccessToken sent = failed.tag(AccessToken.class);
    // Ours only when the header that went out is still the one the interceptor set: OkHttp keeps
    // tags but drops the header on a redirect to another host, and a caller's own header is not ours.
    boolean ours = response.code() == 401 && sent != null
        && sent.authorizationHeader().equals(failed.header("Authorization"));
    if (!ours) {
      return delegate == null ? null : delegate.authenticate(route, response);
    }
    HttpUrl url = failed.url();
    if (failed.tag(Retried.class) != null || !scope.permits(url.scheme(), url.host(), url.port(), url.encodedPath())) {
      return null;
    }
    provider.invalidate(sent);
    AccessToken fresh = tokenFrom(provider);
    if (fresh.equals(sent)) {
      return null;
    }
    return failed.newBuilder()
        .header("Authorization", fresh.authorizationHeader())
        .tag(AccessToken.class, fresh)
        .tag(Retried.class, Retried.INSTANCE)
        .build();
  }

  /** A token, or the provider's failure as the IOException OkHttp expects from interceptors and authenticators. */
  static AccessToken tokenFrom(TokenProvider provider) throws IOException {
    try {
      return Objects.requireNonNull(provider.token(), "TokenProvider.token() returned null");
    } catch (OsOAuth2Exception e) {
      IOException failure = Thread.currentThread().isInterrupted()
          ? new InterruptedIOException("interrupted while waiting for an OS Data Hub token")
          : new IOException("no OS Data Hub token: " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "OsDataHubAuthenticator[" + scope + (delegate == null ? "" : ", then " + delegate) + "]";
  }
}
