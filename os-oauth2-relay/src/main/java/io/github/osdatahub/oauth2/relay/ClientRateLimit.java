package io.github.osdatahub.oauth2.relay;

import io.github.osdatahub.oauth2.TimeSource;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} requests per client in each window (fixed windows, on the monotonic clock,
 * starting at a client's first request). A page asks once per token lifetime, so the limit only has to
 * stop loops and abuse; a fixed window is enough for that and needs one counter per client.
 */
final class ClientRateLimit {
  // Windows of clients that have gone quiet are dropped once this many are held, so that many
  // addresses cannot grow the map without bound.
  private static final int SWEEP_ABOVE = 10_000;

  private final int limit;
  private final long windowNanos;
  private final TimeSource time;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    final long startNanos;
    final AtomicInteger count = new AtomicInteger();

    Window(long startNanos) {
      this.startNanos = startNanos;
    }
  }

  ClientRateLimit(int limit, Duration window, TimeSource time) {
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.time = time;
  }

  /** @return 0 when the request may go on, else how long until this client's window ends, in nanoseconds */
  long admit(String client) {
    long now = time.nanoTime();
    if (windows.size() > SWEEP_ABOVE) {
      windows.values().removeIf(w -> now - w.startNanos >= windowNanos);
    }
    Window w = windows.compute(client, (k, old) -> old == null || now - old.startNanos >= windowNanos
        ? new Window(now) : old);
    return w.count.incrementAndGet() <= limit ? 0 : Math.max(1, w.startNanos + windowNanos - now);
  }

  @Override
  public String toString() {
    return limit + " per " + Duration.ofNanos(windowNanos);
  }
}
