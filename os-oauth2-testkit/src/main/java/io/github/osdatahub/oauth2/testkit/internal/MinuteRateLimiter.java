package io.github.osdatahub.oauth2.testkit.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests per bucket (an API of a project) in a sliding one-minute window on the fake's
 * clock. A request over the limit is refused and does not count. Thread-safe.
 */
public final class MinuteRateLimiter {
  private static final long WINDOW_MILLIS = 60_000L;

  private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();

  /** A limiter with no requests counted. */
  public MinuteRateLimiter() {}

  /**
   * Counts one request if the bucket has room.
   *
   * @param bucket which API of which project
   * @param limit requests allowed per minute, at least 1
   * @param nowMillis the clock now
   * @return 0 when the request is allowed and counted; otherwise how many milliseconds until the
   *     oldest request in the window leaves it
   */
  public long tryAcquire(String bucket, int limit, long nowMillis) {
    Deque<Long> window = windows.computeIfAbsent(bucket, b -> new ArrayDeque<>());
    synchronized (window) {
      while (!window.isEmpty() && window.peekFirst() <= nowMillis - WINDOW_MILLIS) {
        window.removeFirst();
      }
      if (window.size() >= limit) {
        // Only the newest 'limit' entries matter for when a slot frees.
        while (window.size() > limit) {
          window.removeFirst();
        }
        return Math.max(1, window.peekFirst() + WINDOW_MILLIS - nowMillis);
      }
      window.addLast(nowMillis);
      return 0;
    }
  }

  /** Forgets every count. */
  public void clear() {
    windows.clear();
  }
}
