package io.github.osdatahub.oauth2;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a token request again: the one decision shared by the blocking and the asynchronous
 * path of the token client.
 *
 * <p>Retryable failures (5xx, 429, no answer) are retried after a delay drawn with full jitter from
 * zero to a bound that starts at {@code initialBackoff} and doubles each retry up to
 * {@code maxBackoff}; a {@code Retry-After} longer than that draw is waited instead, and one longer
 * than {@code maxRetryAfter} ends the retries. At most {@code maxAttempts} requests, all inside
 * {@code deadline}: each request's timeout is the smaller of {@code attemptTimeout} and the time
 * left, and a retry is started only when, after its delay, at least {@link #minAttemptNanos()} is
 * left for it (an attempt with less time than that would most likely time out unanswered).
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

  public RetryPolicy(int maxAttempts, Duration deadline, Duration attemptTimeout, Duration initialBackoff,
      Duration maxBackoff, Duration maxRetryAfter, DoubleSupplier random) {
    this.maxAttempts = maxAttempts;
    this.deadlineNanos = deadline.toNanos();
    this.attemptTimeoutNanos = attemptTimeout.toNanos();
    this.initialBackoffNanos = initialBackoff.toNanos();
    this.maxBackoffNanos = maxBackoff.toNanos();
    this.maxRetryAfterNanos = maxRetryAfter.toNanos();
    this.random = random;
  }

  public long attemptTimeoutNanos(long elapsedNanos) {
    return Math.max(1, Math.min(attemptTimeoutNanos, deadlineNanos - elapsedNanos));
  }

  public long minAttemptNanos() {
    return Math.min(attemptTimeoutNanos, MIN_ATTEMPT_NANOS);
  }

  public static final class Decision {
    private final long delayNanos;
    private final String stopReason;

    private Decision(long delayNanos, String stopReason) {
      this.delayNanos = delayNanos;
      this.stopReason = stopReason;
    }

    public boolean retry() {
      return stopReason == null;
    }

    public long delayNanos() {
      return delayNanos;
    }

    public String stopReason() {
      return stopReason;
    }
  }

  public Decision decide(AttemptFailure failure, int attemptsMade, long elapsedNanos) {
    if (!failure.retryable) {
      return new Decision(-1, attemptsMade > 1 ? "not retried, after " + attemptsMade + " attempts" : "");
    }
    if (attemptsMade >= maxAttempts) {
      return new Decision(-1, "gave up after " + attemptsMade + (attemptsMade == 1 ? " attempt" : " attempts"));
    }
    Duration retryAfter = failure.retryAfter;
    if (retryAfter != null && retryAfter.toNanos() > maxRetryAfterNanos) {
      return new Decision(-1, "not retried: Retry-After " + ErrorMapping.seconds(retryAfter)
          + " is longer than the " + ErrorMapping.seconds(Duration.ofNanos(maxRetryAfterNanos)) + " the client waits"
          + attemptsNote(attemptsMade));
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

  private static String attemptsNote(int attemptsMade) {
    return attemptsMade > 1 ? ", after " + attemptsMade + " attempts" : "";
  }
}
