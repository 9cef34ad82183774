package io.github.osdatahub.oauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Hands out a valid access token; what the adapters take. {@link CachingTokenProvider} is the
 * implementation everyone uses.
 */
public interface TokenProvider {
  /**
   * @return a valid token: at once while one is cached, else fetched
   * @throws OsOAuth2Exception when none could be had
   */
  AccessToken token();

  /**
   * @return a future of a valid token, or of an {@link OsOAuth2Exception}; the default calls
   *     {@link #token()} on the calling thread, so implementations that may block must override it
   */
  default CompletableFuture<AccessToken> tokenAsync() {
    try {
      return CompletableFuture.completedFuture(token());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * A token that stays valid for at least {@code minRemaining} more, for callers that hand tokens on
   * (the browser relay): renewing first when the current one has less left.
   *
   * @param minRemaining the least time the token must have left before it expires
   * @return a future of such a token, or of an {@link OsOAuth2Exception} when none could be had; the
   *     default asks {@link #tokenAsync()}, and when that token has too little left by the system
   *     clock, drops it with {@link #invalidate} and asks once more: implementations that can wait for
   *     their renewal without dropping a still-valid token override it
   */
  default CompletableFuture<AccessToken> tokenAsync(Duration minRemaining) {
    Objects.requireNonNull(minRemaining, "minRemaining");
    return tokenAsync().thenCompose(token -> {
      if (Instant.now().plus(minRemaining).isAfter(token.expiresAt())) {
        invalidate(token);
        return tokenAsync();
      }
      return CompletableFuture.completedFuture(token);
    });
  }

  /**
   * @param rejected a token an API rejected (HTTP 401): implementations drop it only if it is still the
   *     current one, so many rejected requests cause one refresh; the default does nothing
   */
  default void invalidate(AccessToken rejected) {}
}
