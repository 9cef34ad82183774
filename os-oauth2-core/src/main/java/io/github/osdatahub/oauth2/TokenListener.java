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
