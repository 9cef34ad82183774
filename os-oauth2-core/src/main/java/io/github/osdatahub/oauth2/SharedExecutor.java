package io.github.osdatahub.oauth2;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The executor providers share by default: two daemon threads, made on first use, ended after a minute idle. */
final class SharedExecutor {
  private SharedExecutor() {}

  private static final class Holder {
    static final AtomicInteger THREADS = new AtomicInteger();
    static final ThreadPoolExecutor EXECUTOR = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "os-oauth2-refresh-" + THREADS.incrementAndGet());
          t.setDaemon(true);
          return t;
        });

    static {
      EXECUTOR.allowCoreThreadTimeOut(true);
    }
  }

  public static Executor get() {
    return Holder.EXECUTOR;
  }
}
