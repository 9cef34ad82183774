package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.TokenListener;
import java.time.Duration;
import java.util.List;

/** Tells every listener bean of each event, in bean order; the provider takes one listener. */
final class TokenListeners implements TokenListener {
  private final List<TokenListener> listeners;

  TokenListeners(List<TokenListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void onTokenFetched(AccessToken token) {
    listeners.forEach(l -> l.onTokenFetched(token));
  }

  @Override
  public void onRefreshFailed(OsOAuth2Exception failure, boolean servingCachedToken) {
    listeners.forEach(l -> l.onRefreshFailed(failure, servingCachedToken));
  }

  @Override
  public void onTokenInvalidated(AccessToken token) {
    listeners.forEach(l -> l.onTokenInvalidated(token));
  }

  @Override
  public void onRefreshCompleted(Duration elapsed, boolean succeeded) {
    listeners.forEach(l -> l.onRefreshCompleted(elapsed, succeeded));
  }

  @Override
  public void onCallerWaiting() {
    listeners.forEach(TokenListener::onCallerWaiting);
  }
}
