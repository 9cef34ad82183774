package io.github.osdatahub.oauth2;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The rule every HTTP client integration follows, written once: a token goes only where the
 * {@link TokenScope} permits; after a 401 to a request that carried token {@code T}, {@code T} (not
 * whatever the provider holds now, so a hundred requests rejected with one token cause one refresh)
 * is invalidated and the request retried once, only if the provider now has a different token. A
 * missing token is an {@link IOException} caused by the provider's {@link OsOAuth2Exception}; its
 * message names that exception's type and status only. Each integration decides what counts as
 * "carried our token" and keeps to one retry per call; the testkit's {@code AuthorizingClientContract}
 * checks that each does.
 *
 * <pre>{@code
 * TokenAuthorizer authorizer = TokenAuthorizer.create(provider, TokenScope.defaults());
 * AccessToken sent = authorizer.token();                  // IOException when none can be had
 * AccessToken retry = authorizer.tokenForRetry(sent);     // after a 401; null: give up, return the 401
 * }</pre>
 */
public final class TokenAuthorizer {
  private final TokenProvider provider;
  private final TokenScope scope;

  private TokenAuthorizer(TokenProvider provider, TokenScope scope) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /**
   * @param provider where tokens come from
   * @param scope where they may go
   * @return the authorizer
   */
  public static TokenAuthorizer create(TokenProvider provider, TokenScope scope) {
    return new TokenAuthorizer(provider, scope);
  }

  /** {@return where tokens may go} */
  public TokenScope scope() {
    return scope;
  }

  /**
   * @param scheme {@code https} or {@code http}
   * @param host the host connected to
   * @param port the port, or -1 for the scheme's default
   * @param path the raw request path, or null
   * @return whether this hop may carry a token: {@link TokenScope#permits(String, String, int, String)}
   */
  public boolean permits(String scheme, String host, int port, String path) {
    return scope.permits(scheme, host, port, path);
  }

  /**
   * @param uri an absolute request URI
   * @return whether a request to it may carry a token: {@link TokenScope#permits(URI)}
   */
  public boolean permits(URI uri) {
    return scope.permits(uri);
  }

  /**
   * @return the token for a request, waiting for one if need be
   * @throws IOException when none can be had: an {@link InterruptedIOException} (flag kept) if the
   *     thread was interrupted while waiting
   */
  public AccessToken token() throws IOException {
    try {
      return Objects.requireNonNull(provider.token(), "TokenProvider.token() returned null");
    } catch (OsOAuth2Exception e) {
      throw noToken(e, Thread.currentThread().isInterrupted());
    }
  }

  /** {@return a future of the token, failed as {@link #token()} throws; the provider's own once it holds the token} */
  public CompletableFuture<AccessToken> tokenAsync() {
    CompletableFuture<AccessToken> token;
    try {
      token = provider.tokenAsync();
    } catch (OsOAuth2Exception e) {
      token = CompletableFuture.failedFuture(e);
    }
    if (token.isDone() && !token.isCompletedExceptionally()) {
      return token; // the hot path: nothing allocated
    }
    return token.exceptionallyCompose(error -> {
      Throwable cause = ErrorMapping.unwrap(error);
      return CompletableFuture.failedFuture(cause instanceof OsOAuth2Exception e ? noToken(e, false) : cause);
    });
  }

  /**
   * @param rejected the token the request answered 401 carried
   * @return the token for the one retry, or null when the provider has no other (give up)
   * @throws IOException as {@link #token()} throws it
   */
  public AccessToken tokenForRetry(AccessToken rejected) throws IOException {
    provider.invalidate(Objects.requireNonNull(rejected, "rejected"));
    AccessToken fresh = token();
    return fresh.equals(rejected) ? null : fresh;
  }

  /**
   * @param rejected the token the request answered 401 carried
   * @return {@link #tokenForRetry} as a future, failed as {@link #tokenAsync()} fails
   */
  public CompletableFuture<AccessToken> tokenForRetryAsync(AccessToken rejected) {
    provider.invalidate(Objects.requireNonNull(rejected, "rejected"));
    return tokenAsync().thenApply(fresh -> fresh.equals(rejected) ? null : fresh);
  }

  // Type and status only: the cause's own text is on the cause, and a custom provider's may hold anything.
  private static IOException noToken(OsOAuth2Exception e, boolean interrupted) {
    String message = "no OS Data Hub access token: " + e.getClass().getSimpleName()
        + (e.status() == OsOAuth2Exception.NO_STATUS ? "" : " (HTTP " + e.status() + ")");
    IOException failure = interrupted ? new InterruptedIOException(message + " (interrupted while waiting)")
        : new IOException(message);
    failure.initCause(e);
    return failure;
  }

  @Override
  public String toString() {
    return "TokenAuthorizer[" + scope + "]";
  }
}
