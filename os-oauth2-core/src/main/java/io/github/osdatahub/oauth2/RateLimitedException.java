package io.github.osdatahub.oauth2;

import java.time.Duration;
import java.util.Optional;

/**
 * The token endpoint answered 429 Too Many Requests. Retried with backoff (honouring
 * {@code Retry-After}) before it is reported; {@link #retryAfter()} is what the server asked for.
 */
public class RateLimitedException extends OsOAuth2Exception {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  RateLimitedException(String message, String errorCode, Duration retryAfter, Throwable cause) {
    super(message, 429, errorCode, cause);
    this.retryAfter = retryAfter;
  }

  /** {@return the wait the server asked for in {@code Retry-After}, if it sent one} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
