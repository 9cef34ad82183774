package io.github.osdatahub.oauth2;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a token request again (defaults: core README). A Retry-After over maxRetryAfter ends
 * the retries, and a retry starts only when at least a second (or the attempt timeout, if shorter) of
 * the deadline is left after its delay: an attempt with less would most likely time out unanswered.
 */
record RetryPolicy(int maxAttempts, long deadlineNanos, long attemptTimeoutNanos, long initialBackoffNanos,
    long maxBackoffNanos, long maxRetryAfterNanos, DoubleSupplier random) {
  static final long MIN_ATTEMPT_NANOS = Duration.ofSeconds(1).toNanos();

  RetryPolicy(OsOAuth2.Builder b) {
    this(b.maxAttempts, b.deadline.toNanos(), b.attemptTimeout.toNanos(), b.retryBackoff.toNanos(),
        b.maxRetryBackoff.toNanos(), b.maxRetryAfter.toNanos(), b.random);
  }

  long timeoutNanos(long elapsedNanos) {
    return Math.max(1, Math.min(attemptTimeoutNanos, deadlineNanos - elapsedNanos));
  }

  /** {@return the full-jitter bound of the n-th backoff: initial, doubled n - 1 times, at most max} */
  static long bound(long initial, int n, long max) {
    long bound = initial << Math.min(n - 1, 30);
    return bound <= 0 || bound > max ? max : bound;
  }

  /** Retry after delayNanos, or stop (stopReason not null; empty when there is nothing to add). */
  record Decision(long delayNanos, String stopReason) {
    boolean retry() {
      return stopReason == null;
    }
  }

  Decision decide(AttemptFailure failure, int attemptsMade, long elapsedNanos) {
    String made = attemptsMade + (attemptsMade == 1 ? " attempt" : " attempts");
    if (!failure.retryable()) {
      return new Decision(-1, attemptsMade > 1 ? "not retried, after " + attemptsMade + " attempts" : "");
    }
    if (attemptsMade >= maxAttempts) {
      return new Decision(-1, "gave up after " + made);
    }
    Duration retryAfter = failure.retryAfter();
    if (retryAfter != null && retryAfter.toNanos() > maxRetryAfterNanos) {
      return new Decision(-1, "not retried: Retry-After " + ErrorMapping.seconds(retryAfter)
          + " is longer than the " + ErrorMapping.seconds(Duration.ofNanos(maxRetryAfterNanos)) + " the client waits"
          + (attemptsMade > 1 ? ", after " + attemptsMade + " attempts" : ""));
    }
    long delay = Math.max((long) (random.getAsDouble() * bound(initialBackoffNanos, attemptsMade, maxBackoffNanos)),
        retryAfter == null ? 0 : retryAfter.toNanos());
    if (deadlineNanos - elapsedNanos - delay < Math.min(attemptTimeoutNanos, MIN_ATTEMPT_NANOS)) {
      return new Decision(-1, "gave up after " + made + ": the " + ErrorMapping.seconds(Duration.ofNanos(deadlineNanos))
          + " deadline leaves no time for another");
    }
    return new Decision(delay, null);
  }
}
