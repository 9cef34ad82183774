package io.github.osdatahub.oauth2;

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
   * @param rejected a token an API rejected (HTTP 401): implementations drop it only if it is still the
   *     current one, so many rejected requests cause one refresh; the default does nothing
   */
  default void invalidate(AccessToken rejected) {}
}
