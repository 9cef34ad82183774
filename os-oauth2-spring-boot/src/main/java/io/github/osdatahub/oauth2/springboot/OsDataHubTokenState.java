package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.TokenListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the cache last reported, kept from the provider's {@link TokenListener} events: when the
 * token held expires, and the last refresh failure. The health indicator and the seconds-left gauge
 * read it, so neither makes a network call nor touches the provider. Never holds the token's value.
 */
public final class OsDataHubTokenState implements TokenListener {
  /** The last failed refresh: the exception's type and HTTP status (or -1), and whether a token was still served. */
  record LastFailure(String type, int status, boolean servingCachedToken) {}

  private final Clock clock;
  private volatile Instant expiresAt; // null: no token held
  private volatile LastFailure lastFailure; // null: none since the last success

  /** Reads expiry against the system clock. */
  public OsDataHubTokenState() {
    this(Clock.systemUTC());
  }

  OsDataHubTokenState(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void onTokenFetched(AccessToken token) {
    expiresAt = token.expiresAt();
    lastFailure = null;
  }

  @Override
  public void onRefreshFailed(OsOAuth2Exception failure, boolean servingCachedToken) {
    lastFailure = new LastFailure(failure.getClass().getSimpleName(), failure.status(), servingCachedToken);
  }

  @Override
  public void onTokenInvalidated(AccessToken token) {
    Instant held = expiresAt;
    if (held != null && held.equals(token.expiresAt())) {
      expiresAt = null;
    }
  }

  /** {@return the time left on the token held, zero when it has expired; empty when none has been fetched or it was dropped} */
  public Optional<Duration> remaining() {
    Instant held = expiresAt;
    if (held == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), held);
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }

  Optional<LastFailure> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }
}
