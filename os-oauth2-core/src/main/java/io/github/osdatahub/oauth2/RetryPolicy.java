package io.github.osdatahub.oauth2;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a token request again (defaults: core README). A Retry-After over maxRetryAfter ends
 * the retries, and a retry starts only when at least minAttemptNanos() of the deadline is left after
 * its delay: an attempt with less would most likely time out unanswered.
 */
final class RetryPolicy {
  static final long MIN_ATTEMPT_NANOS = Duration.ofSeconds(1).toNanos();

  private final int maxAttempts;
  private final long deadlineNanos;
  private final long attemptTimeoutNanos;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final long maxRetryAfterNanos;
  private final DoubleSupplier random;

  RetryPolicy(OsOAuth2.Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.deadlineNanos = b.deadline.toNanos();
    this.attemptTimeoutNanos = b.attemptTimeout.toNanos();
    this.initialBackoffNanos = b.retryBackoff.toNanos();
    this.maxBackoffNanos = b.maxRetryBackoff.toNanos();
    this.maxRetryAfterNanos = b.maxRetryAfter.toNanos();
    this.random = b.random;
  }

  public long attemptTimeoutNanos(long elapsedNanos) {
    return Math.max(1, Math.min(attemptTimeoutNanos, deadlineNanos - elapsedNanos));
  }

  public long minAttemptNanos() {
    return Math.min(attemptTimeoutNanos, MIN_ATTEMPT_NANOS);
  }

  /** Retry after delayNanos, or stop (stopReason not null; empty when there is nothing to add). */
  record Decision(long delayNanos, String stopReason) {
    boolean retry() {
      return stopReason == null;
    }
  }

  public Decision decide(AttemptFailure failure, int attemptsMade, long elapsedNanos) {
    if (!failure.retryable()) {
      return new Decision(-1, attemptsMade > 1 ? "not retried, after " + attemptsMade + " attempts" : "");
    }
    if (attemptsMade >= maxAttempts) {
      return new Decision(-1, "gave up after " + attemptsMade + (attemptsMade == 1 ? " attempt" : " attempts"));
    }
    Duration retryAfter = failure.retryAfter();
    if (retryAfter != null && retryAfter.toNanos() > maxRetryAfterNanos) {
      return new Decision(-1, "not retried: Retry-After " + ErrorMapping.seconds(retryAfter)
          + " is longer than the " + ErrorMapping.seconds(Duration.ofNanos(maxRetryAfterNanos)) + " the client waits"
          + (attemptsMade > 1 ? ", after " + attemptsMade + " attempts" : ""));
    }
    long bound = initialBackoffNanos << Math.min(attemptsMade - 1, 30);
    if (bound <= 0 || bound > maxBackoffNanos) {
      bound = maxBackoffNanos;
    }
    long delay = (long) (random.getAsDouble() * bound);
    if (retryAfter != null) {
      delay = Math.max(delay, retryAfter.toNanos());
    }
    if (deadlineNanos - elapsedNanos - delay < minAttemptNanos()) {
      return new Decision(-1, "gave up after " + attemptsMade + (attemptsMade == 1 ? " attempt" : " attempts")
          + ": the " + ErrorMapping.seconds(Duration.ofNanos(deadlineNanos)) + " deadline leaves no time for another");
    }
    return new Decision(delay, null);
  }
}
