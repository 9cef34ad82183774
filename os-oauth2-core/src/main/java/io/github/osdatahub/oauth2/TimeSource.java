package io.github.osdatahub.oauth2;


/**
 * The clocks and the timer that the token client and cache use. Production code uses
 * {@link #system()}; tests pass a manual one (the testkit's {@code ManualTimeSource}) so that
 * expiry, backoff and retries take no real time.
 *
 * <pre>{@code
 * ManualTimeSource time = new ManualTimeSource();
 * CachingTokenProvider provider = CachingTokenProvider.builder(client).timeSource(time).build();
 * time.advance(Duration.ofSeconds(240));   // runs what was scheduled up to then
 * }</pre>
 */
public interface TimeSource {
  /**
   * Monotonic time in nanoseconds, as {@link System#nanoTime()}: only differences mean anything.
   *
   * @return the monotonic time
   */
  long nanoTime();

  /**
   * Wall-clock time in epoch milliseconds, as {@link System#currentTimeMillis()}.
   *
   * @return the wall-clock time
   */
  long currentTimeMillis();

  /**
   * Runs a short task once after a delay, on a timer thread. The task must not block.
   *
   * @param task what to run
   * @param delayNanos how long from now, in the {@link #nanoTime()} time base
   * @return a handle that cancels the task if it has not run
   */
  Cancellable schedule(Runnable task, long delayNanos);

  /**
   * Blocks the calling thread for a while (a retry's backoff on the synchronous path).
   *
   * @param nanos how long
   * @throws InterruptedException if the thread is interrupted
   */
  void sleep(long nanos) throws InterruptedException;

  /**
   * The real clocks, with one shared daemon timer thread started on first use.
   *
   * @return the system time source
   */
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
