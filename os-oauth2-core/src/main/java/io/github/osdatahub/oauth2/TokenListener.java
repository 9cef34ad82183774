package io.github.osdatahub.oauth2;

import java.time.Duration;

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

  /**
   * A refresh ended, right after its {@link #onTokenFetched} or {@link #onRefreshFailed}: for a latency
   * timer. A refresh cancelled by {@code close()} reports nothing.
   *
   * @param elapsed from the refresh's start to its end on the provider's clock, every attempt included
   * @param succeeded true when it brought a token
   */
  default void onRefreshCompleted(Duration elapsed, boolean succeeded) {}

  /**
   * A caller found no token it could use and waits for a refresh (in flight, or started by its call),
   * blocking in {@code token()} or on an incomplete {@code tokenAsync()} future. Callers served a cached
   * token while it is renewed in the background are not counted.
   */
  default void onCallerWaiting() {}
}
