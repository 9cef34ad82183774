package io.github.osdatahub.oauth2;

/**
 * Hooks for logging and metrics, called on the provider's executor one at a time, in event order;
 * keep them quick. Tokens passed in print only a fingerprint.
 *
 * <pre>{@code
 * OsOAuth2.builder(credentials).listener(new TokenListener() {
 *   public void onRefreshFailed(OsOAuth2Exception e, boolean serving) { log.warn("token refresh failed", e); }
 * }).build();
 * }</pre>
 */
public interface TokenListener {
  /** @param token the token just fetched */
  default void onTokenFetched(AccessToken token) {}

  /**
   * @param failure why the refresh failed
   * @param servingCachedToken true when a still-valid token keeps being served meanwhile
   */
  default void onRefreshFailed(OsOAuth2Exception failure, boolean servingCachedToken) {}

  /** @param token the token just dropped because an API rejected it */
  default void onTokenInvalidated(AccessToken token) {}
}
