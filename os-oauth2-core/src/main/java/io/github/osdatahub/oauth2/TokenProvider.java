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
   * The default calls {@link #token()} on the calling thread; implementations that may block must
   * override it.
   *
   * @return a future of a valid token, or of an {@link OsOAuth2Exception}
   */
  default CompletableFuture<AccessToken> tokenAsync() {
    try {
      return CompletableFuture.completedFuture(token());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Reports that an API rejected this token (HTTP 401). Implementations drop it only if it is still
   * the current one, so many rejected requests cause one refresh. The default does nothing.
   *
   * @param rejected the token the failed request carried
   */
  default void invalidate(AccessToken rejected) {}
}
