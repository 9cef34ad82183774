package io.github.osdatahub.oauth2;

/**
 * Hooks for logging and metrics. Called on the provider's executor, never on a caller's thread
 * while it waits; keep them quick. Tokens passed in print only a fingerprint.
 *
 * <pre>{@code
 * CachingTokenProvider.builder(client)
 *     .listener(new TokenListener() {
 *       public void onRefreshFailed(OsOAuth2Exception e, boolean servingCachedToken) { log.warn("token refresh failed", e); }
 *     })
 *     .build();
 * }</pre>
 */
public interface TokenListener {
  /**
   * A new token arrived.
   *
   * @param token the token
   */
  default void onTokenFetched(AccessToken token) {}

  /**
   * A token request failed.
   *
   * @param failure what went wrong
   * @param servingCachedToken true when a still-valid token keeps being served meanwhile
   */
  default void onRefreshFailed(OsOAuth2Exception failure, boolean servingCachedToken) {}

  /**
   * A token was dropped because an API rejected it.
   *
   * @param token the rejected token
   */
  default void onTokenInvalidated(AccessToken token) {}
}
