package io.github.osdatahub.oauth2.springboot;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The token cache's health from its last reported state alone ({@link OsDataHubTokenState}): no
 * network call, no token fetched. UP while a token with time left is held; DOWN when the last
 * refresh failed and none is; UNKNOWN before the first token is asked for (tokens are fetched on
 * first use). Boot puts it in no liveness or readiness group: an OS outage must not restart the
 * application. Details hold the seconds left and the last failure's type and status, never a token.
 */
public final class OsDataHubHealthIndicator implements HealthIndicator {
  private final OsDataHubTokenState state;

  /** @param state the cache's last reported state */
  public OsDataHubHealthIndicator(OsDataHubTokenState state) {
    this.state = state;
  }

  @Override
  public Health health() {
    Optional<Duration> remaining = state.remaining();
    Optional<OsDataHubTokenState.LastFailure> failure = state.lastFailure();
    boolean valid = remaining.map(left -> !left.isZero()).orElse(false);
    Health.Builder health = valid ? Health.up() : failure.isPresent() ? Health.down() : Health.unknown();
    remaining.ifPresent(left -> health.withDetail("secondsLeft", left.toSeconds()));
    if (remaining.isEmpty() && failure.isEmpty()) {
      health.withDetail("token", "none fetched yet");
    }
    failure.ifPresent(f -> {
      health.withDetail("lastFailure", f.type());
      if (f.status() > 0) {
        health.withDetail("lastFailureStatus", f.status());
      }
    });
    return health.build();
  }
}
