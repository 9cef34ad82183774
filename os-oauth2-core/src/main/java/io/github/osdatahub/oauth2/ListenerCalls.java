package io.github.osdatahub.oauth2;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Delivers a provider's events to its {@link TokenListener} on the executor, one call at a time and
 * in posting order, so metrics never see a refresh before the fetch that preceded it. A listener's
 * exception, or a saturated or shut-down executor, loses notifications, never a token.
 */
final class ListenerCalls {
  private final TokenListener listener; // null: no listener, nothing to do
  private final Executor executor;
  private final Queue<Consumer<TokenListener>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile boolean closed;

  ListenerCalls(TokenListener listener, Executor executor) {
    this.listener = listener;
    this.executor = executor;
  }

  void post(Consumer<TokenListener> call) {
    if (listener == null || closed) {
      return;
    }
    queue.add(call);
    scheduleDrain();
  }

  void close() {
    closed = true;
    queue.clear();
  }

  private void scheduleDrain() {
    if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        queue.clear();
        draining.set(false);
      }
    }
  }

  private void drain() {
    try {
      Consumer<TokenListener> call;
      while (!closed && (call = queue.poll()) != null) {
        try {
          call.accept(listener);
        } catch (RuntimeException ignored) {
          // A listener's failure must not break token delivery.
        }
      }
    } finally {
      draining.set(false);
    }
    if (!closed) {
      scheduleDrain(); // an event posted after the loop's last poll but before the flag was cleared
    }
  }
}
