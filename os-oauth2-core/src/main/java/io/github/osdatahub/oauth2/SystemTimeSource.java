package io.github.osdatahub.oauth2;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The real clocks; the timer thread is a daemon, created on first use and shared by all providers. */
final class SystemTimeSource implements TimeSource {
  public static final SystemTimeSource INSTANCE = new SystemTimeSource();

  private SystemTimeSource() {}

  private static final class Timer {
    static final ScheduledThreadPoolExecutor EXECUTOR = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "os-oauth2-timer");
      t.setDaemon(true);
      return t;
    });

    static {
      EXECUTOR.setRemoveOnCancelPolicy(true);
    }
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long currentTimeMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    ScheduledFuture<?> f = Timer.EXECUTOR.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public void sleep(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(nanos); // returns at once for nanos <= 0
  }
}
