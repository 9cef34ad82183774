package io.github.osdatahub.oauth2.okhttp;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.TokenAuthorizer;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp application interceptor that adds {@code Authorization: Bearer <token>} to OS Data Hub
 * requests.
 *
 * <p>Only requests that the {@link TokenScope} permits get the token (default {@code api.os.uk}
 * over https; plain http only to a loopback host; never the token endpoint). A request that
 * already has an {@code Authorization} header is left as the caller made it. Every other request
 * passes through untouched, without asking the provider for a token.
 *
 * <p>Install it with {@link #installOn(OkHttpClient.Builder, TokenProvider, TokenScope)}, the one
 * supported way. This interceptor is an application interceptor: it runs once per call, before
 * OkHttp follows redirects, and tags the request with the {@link AccessToken} it sent, so that
 * {@link OsDataHubAuthenticator} invalidates exactly that token after a 401. OkHttp drops the header
 * on a redirect to another origin but keeps it on a redirect within one origin (to the token path,
 * say), so {@code installOn} also adds a network interceptor that checks every hop OkHttp sends
 * against the scope and removes the token from a hop the scope refuses. Added alone with
 * {@code addInterceptor}, this interceptor has no per-hop check, and a same-origin redirect would
 * carry the token wherever it points.
 *
 * <p>When no token can be had, the call fails with an {@link IOException} whose cause is the
 * provider's {@link OsOAuth2Exception} (an {@link java.io.InterruptedIOException} when the thread
 * was interrupted while waiting), as OkHttp expects of interceptors.
 *
 * <pre>{@code
 * OkHttpClient client = OsDataHubInterceptor.installOn(new OkHttpClient.Builder(), provider).build();
 * }</pre>
 */
public final class OsDataHubInterceptor implements Interceptor {
  private final TokenAuthorizer authorizer;

  private OsDataHubInterceptor(TokenAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /**
   * An interceptor for {@link TokenScope#defaults()}: {@code https://api.os.uk}. Added on its own it
   * has no per-hop check of redirects; prefer {@link #installOn(OkHttpClient.Builder, TokenProvider)}.
   *
   * @param provider where tokens come from
   * @return the interceptor
   */
  public static OsDataHubInterceptor create(TokenProvider provider) {
    return create(provider, TokenScope.defaults());
  }

  /**
   * An interceptor for the given origins. Added on its own it has no per-hop check of redirects;
   * prefer {@link #installOn(OkHttpClient.Builder, TokenProvider, TokenScope)}.
   *
   * @param provider where tokens come from
   * @param scope where tokens may be sent
   * @return the interceptor
   */
  public static OsDataHubInterceptor create(TokenProvider provider, TokenScope scope) {
    return new OsDataHubInterceptor(TokenAuthorizer.create(provider, scope));
  }

  /**
   * Adds an {@code OsDataHubInterceptor} and an {@link OsDataHubAuthenticator} for
   * {@link TokenScope#defaults()} to a client builder.
   *
   * @param builder the builder to add to
   * @param provider where tokens come from
   * @return the same builder
   * @throws IllegalStateException when the builder already has an {@code OsDataHubInterceptor}
   * @see #installOn(OkHttpClient.Builder, TokenProvider, TokenScope)
   */
  public static OkHttpClient.Builder installOn(OkHttpClient.Builder builder, TokenProvider provider) {
    return installOn(builder, provider, TokenScope.defaults());
  }

  /**
   * Adds an {@code OsDataHubInterceptor} (appended to the application interceptors), the per-hop
   * scope check (appended to the network interceptors: it removes the token from any redirect hop or
   * retry the scope refuses) and an {@link OsDataHubAuthenticator} to a client builder. An
   * {@link Authenticator} already set on the builder is kept: the new authenticator passes it every
   * response that is not a 401 to a request carrying one of our tokens.
   *
   * <pre>{@code
   * OkHttpClient client = OsDataHubInterceptor.installOn(existing.newBuilder(), provider,
   *     TokenScope.defaults()).build();
   * }</pre>
   *
   * @param builder the builder to add to
   * @param provider where tokens come from
   * @param scope where tokens may be sent
   * @return the same builder
   * @throws IllegalStateException when the builder already has an {@code OsDataHubInterceptor}
   */
  public static OkHttpClient.Builder installOn(OkHttpClient.Builder builder, TokenProvider provider,
      TokenScope scope) {
    Objects.requireNonNull(builder, "builder");
    TokenAuthorizer authorizer = TokenAuthorizer.create(provider, scope);
    for (Interceptor existing : builder.interceptors()) {
      if (existing instanceof OsDataHubInterceptor) {
        throw new IllegalStateException("this OkHttpClient.Builder already has an OsDataHubInterceptor");
      }
    }
    // OkHttp 4.12 and 5.x have no getter for a builder's authenticator; a client built from the
    // builder reports it. The throwaway client starts no threads and opens no connections.
    Authenticator current = builder.build().authenticator();
    Authenticator delegate = current == Authenticator.NONE ? null : current;
    builder.addInterceptor(new OsDataHubInterceptor(authorizer));
    builder.addNetworkInterceptor(new PerHopTokenGuard(authorizer));
    builder.authenticator(new OsDataHubAuthenticator(authorizer, delegate));
    return builder;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header("Authorization") != null || !PerHopTokenGuard.permits(authorizer, request.url())) {
      return chain.proceed(request);
    }
    AccessToken token = authorizer.token();
    return chain.proceed(request.newBuilder()
        .header("Authorization", token.authorizationHeader())
        .tag(AccessToken.class, token)
        .build());
  }

  /**
   * Where tokens may be sent.
   *
   * @return the scope
   */
  public TokenScope scope() {
    return authorizer.scope();
  }

  @Override
  public String toString() {
    return "OsDataHubInterceptor[" + authorizer.scope() + "]";
  }
}
