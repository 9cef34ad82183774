package io.github.osdatahub.oauth2;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The rule every HTTP client integration follows, written once: which hop may carry a token, the
 * token for a request, and after a 401 to a request that carried token {@code T}: invalidate
 * {@code T} and retry once, only if the provider now has a different token. A missing token is an
 * {@link IOException} whose cause is the provider's {@link OsOAuth2Exception}; its message names
 * the exception's type and status only, never a token, a secret or the cause's text.
 *
 * <p>The integrations (OkHttp, Apache HttpClient 5, the JDK {@code HttpClient}) decide what counts as
 * "carried our token" and keep the retry to one per call; the testkit's
 * {@code AuthorizingClientContract} checks that each does.
 *
 * <pre>{@code
 * TokenAuthorizer authorizer = TokenAuthorizer.create(provider, TokenScope.defaults());
 * AccessToken sent = authorizer.token();                  // IOException when none can be had
 * // ... the answer was 401:
 * AccessToken retry = authorizer.tokenForRetry(sent);     // null: give up, return the 401
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
   * An authorizer for a provider and a scope.
   *
   * @param provider where tokens come from
   * @param scope where they may go
   * @return the authorizer
   */
  public static TokenAuthorizer create(TokenProvider provider, TokenScope scope) {
    return new TokenAuthorizer(provider, scope);
  }

  /**
   * Where tokens may go.
   *
   * @return the scope
   */
  public TokenScope scope() {
    return scope;
  }

  /**
   * Whether this hop may carry a token: {@link TokenScope#permits(String, String, int, String)}.
   *
   * @param scheme {@code https} or {@code http}
   * @param host the host the connection goes to
   * @param port the port, or -1 for the scheme's default
   * @param path the raw request path, or null
   * @return true when the scope permits all four
   */
  public boolean permits(String scheme, String host, int port, String path) {
    return scope.permits(scheme, host, port, path);
  }

  /**
   * Whether a request to this URI may carry a token: {@link TokenScope#permits(URI)}.
   *
   * @param uri an absolute request URI
   * @return true when the scope permits it
   */
  public boolean permits(URI uri) {
    return scope.permits(uri);
  }

  /**
   * The token for a request, waiting for one if need be.
   *
   * @return the token
   * @throws IOException when none can be had, caused by the provider's {@link OsOAuth2Exception}; an
   *     {@link InterruptedIOException} when the calling thread was interrupted while waiting (its
   *     interrupt flag stays set)
   */
  public AccessToken token() throws IOException {
    try {
      return Objects.requireNonNull(provider.token(), "TokenProvider.token() returned null");
    } catch (OsOAuth2Exception e) {
      IOException failure = Thread.currentThread().isInterrupted()
          ? new InterruptedIOException(message(e) + " (interrupted while waiting)") : new IOException(message(e));
      failure.initCause(e);
      throw failure;
    }
  }

  /**
   * The token for a request, without blocking: {@link TokenProvider#tokenAsync()}. A future the
   * provider already completed with a token is returned as it is.
   *
   * @return a future of the token, failed with an {@link IOException} caused by the provider's
   *     {@link OsOAuth2Exception} when none can be had
   */
  public CompletableFuture<AccessToken> tokenAsync() {
    CompletableFuture<AccessToken> token;
    try {
      token = provider.tokenAsync();
    } catch (OsOAuth2Exception e) {
      return CompletableFuture.failedFuture(noToken(e));
    }
    if (token.isDone() && !token.isCompletedExceptionally()) {
      return token; // the hot path: nothing allocated
    }
    return token.exceptionallyCompose(error -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      return CompletableFuture.failedFuture(cause instanceof OsOAuth2Exception ? noToken((OsOAuth2Exception) cause) : cause);
    });
  }

  /**
   * After a 401 to a request that carried {@code rejected}: invalidates that token (not whatever
   * the provider holds now, so a hundred requests rejected with one token cause one refresh) and
   * returns the token for the one retry.
   *
   * @param rejected the token the rejected request carried
   * @return the token to retry with, or null when the provider has no other (give up: return the 401)
   * @throws IOException as {@link #token()} throws it
   */
  public AccessToken tokenForRetry(AccessToken rejected) throws IOException {
    provider.invalidate(Objects.requireNonNull(rejected, "rejected"));
    AccessToken fresh = token();
    return fresh.equals(rejected) ? null : fresh;
  }

  /**
   * {@link #tokenForRetry} without blocking, through {@link #tokenAsync()}.
   *
   * @param rejected the token the rejected request carried
   * @return a future of the token to retry with, completed with null when the provider has no
   *     other; failed as {@link #tokenAsync()} fails
   */
  public CompletableFuture<AccessToken> tokenForRetryAsync(AccessToken rejected) {
    provider.invalidate(Objects.requireNonNull(rejected, "rejected"));
    return tokenAsync().thenApply(fresh -> fresh.equals(rejected) ? null : fresh);
  }

  private static IOException noToken(OsOAuth2Exception e) {
    return new IOException(message(e), e);
  }

  /** Type and status only: the cause's own text is on the cause, and a custom provider's may hold anything. */
  private static String message(OsOAuth2Exception e) {
    return "no OS Data Hub access token: " + e.getClass().getSimpleName()
        + (e.status() == OsOAuth2Exception.NO_STATUS ? "" : " (HTTP " + e.status() + ")");
  }

  @Override
  public String toString() {
    return "TokenAuthorizer[" + scope + "]";
  }
}
