package io.github.osdatahub.oauth2.apache.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The module's own threads, all daemon and created on first use: one timer that enforces the
 * transport's deadlines, and a pool that runs a classic client's blocking call for
 * {@code sendAsync} when the transport was given no async client.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  private static final class Timer {
    static final ScheduledExecutorService INSTANCE = timer();

    private static ScheduledExecutorService timer() {
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, factory("os-oauth2-apache-timer"));
      timer.setRemoveOnCancelPolicy(true); // deadlines are nearly always cancelled: do not keep them queued
      return timer;
    }
  }

  private static final class Blocking {
    // One thread per call in flight (a caching provider has at most one), idle threads end after 60 s.
    static final ExecutorService INSTANCE = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), factory("os-oauth2-apache-blocking"));
  }

  /**
   * The deadline timer.
   *
   * @return a single-thread scheduler
   */
  public static ScheduledExecutorService timer() {
    return Timer.INSTANCE;
  }

  /**
   * The pool for blocking calls.
   *
   * @return a caching pool of daemon threads
   */
  public static ExecutorService blocking() {
    return Blocking.INSTANCE;
  }

  private static ThreadFactory factory(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
