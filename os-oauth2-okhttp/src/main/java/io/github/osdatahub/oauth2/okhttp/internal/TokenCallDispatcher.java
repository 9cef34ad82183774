package io.github.osdatahub.oauth2.okhttp.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;

/**
 * Dispatchers for token requests sent asynchronously, separate from the dispatcher of the client
 * they were copied from.
 *
 * <p>Why not the user's dispatcher: it caps concurrent calls per host (5 by default), and the
 * token endpoint is on the same host as the APIs. Five queued API calls blocked in
 * {@code OsDataHubInterceptor} waiting for a token would hold every slot, and the token request
 * they wait for would queue behind them until the provider's wait timed out.
 *
 * <p>Why daemon threads: OkHttp's default dispatcher threads are not daemons and idle for 60 s,
 * which would keep a finished application alive after its last token refresh. All our
 * dispatchers share one pool with no core threads, so it costs nothing while idle.
 */
public final class TokenCallDispatcher {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
      new SynchronousQueue<>(), task -> {
        Thread t = new Thread(task, "os-oauth2-okhttp-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
      });

  private TokenCallDispatcher() {}

  /**
   * A new dispatcher on the shared daemon pool, with OkHttp's default limits.
   *
   * @return the dispatcher
   */
  public static Dispatcher create() {
    return new Dispatcher(EXECUTOR);
  }
}
