package io.github.osdatahub.oauth2;

/**
 * The clocks and timer the token client and cache use: {@link #system()}, or in tests the testkit's
 * {@code ManualTimeSource}, so that expiry, backoff and retries take no real time.
 */
public interface TimeSource {
  /** {@return monotonic time in nanoseconds, as {@link System#nanoTime()}: only differences mean anything} */
  long nanoTime();

  /** {@return wall-clock time in epoch milliseconds, as {@link System#currentTimeMillis()}} */
  long currentTimeMillis();

  /**
   * @param task a short task to run once, on a timer thread; it must not block
   * @param delayNanos how long from now, in the {@link #nanoTime()} time base
   * @return a handle that cancels the task if it has not run
   */
  Cancellable schedule(Runnable task, long delayNanos);

  /**
   * Runs a task at a point on the {@link #nanoTime()} clock; by default {@code schedule} with the
   * delay from now. A manual clock overrides it so the deadline holds however the clock moves.
   *
   * @param task a short task to run once, on a timer thread; it must not block
   * @param deadlineNanos when, on the {@link #nanoTime()} clock; a past one means as soon as possible
   * @return a handle that cancels the task if it has not run
   */
  default Cancellable scheduleAt(Runnable task, long deadlineNanos) {
    return schedule(task, deadlineNanos - nanoTime());
  }

  /**
   * @param nanos how long to block the calling thread (the SDK itself never calls this)
   * @throws InterruptedException if the thread is interrupted
   */
  void sleep(long nanos) throws InterruptedException;

  /** {@return the real clocks, with one shared daemon timer thread started on first use} */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }

  /** A scheduled task that can be called off. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; does nothing otherwise. */
    void cancel();
  }
}
