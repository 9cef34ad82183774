package io.github.osdatahub.oauth2.jdk;

import io.github.osdatahub.oauth2.TimeSource;
import io.github.osdatahub.oauth2.TokenRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to {@link TokenRequest#MAX_RESPONSE_BYTES} plus one byte (enough to
 * tell that there was more), then cancels the subscription so the rest is never read. Also bounds
 * the body's arrival by the exchange's deadline, when there is one: {@code HttpRequest.timeout}
 * only covers the response headers. Used for token answers and for the 401s that
 * {@link OsDataHubHttpClient} reads before deciding to retry.
 *
 * <p>Never blocks: bytes are copied as they arrive, one buffer list at a time.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
  private static final int LIMIT = TokenRequest.MAX_RESPONSE_BYTES + 1;

  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private byte[] buffer = new byte[1024];
  private int size;

  /** A subscriber bounded in size only: for an exchange without a timeout. */
  BoundedBodySubscriber() {}

  /**
   * A subscriber for an exchange that must be over by {@code deadlineNanos}.
   *
   * @param deadlineNanos the deadline on the {@link System#nanoTime()} scale
   * @param timeout the exchange's timeout, for the message
   */
  BoundedBodySubscriber(long deadlineNanos, Duration timeout) {
    long remaining = deadlineNanos - System.nanoTime();
    // The SDK's own timer, not CompletableFuture.orTimeout: on JDK 25 that fires through the common
    // pool, which an application may have blocked. Cancelled as soon as the body is complete; the
    // failure is an HttpTimeoutException like the JDK's own.
    TimeSource.Cancellable timer = TimeSource.system().schedule(
        () -> fail(new HttpTimeoutException("response body not complete within " + timeout)), Math.max(remaining, 1));
    result.whenComplete((body, failure) -> timer.cancel());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (result.isDone()) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    if (result.isDone()) {
      return; // cancelled; late items are allowed to arrive
    }
    for (ByteBuffer b : item) {
      int take = Math.min(b.remaining(), LIMIT - size);
      if (size + take > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(LIMIT, Math.max(size + take, buffer.length * 2)));
      }
      b.get(buffer, size, take);
      size += take;
      if (size == LIMIT) {
        // Enough to know the body is over the bound: stop reading; the JDK closes the connection.
        result.complete(Arrays.copyOf(buffer, size));
        subscription.cancel();
        return;
      }
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    result.complete(Arrays.copyOf(buffer, size));
  }

  private void fail(Throwable failure) {
    if (result.completeExceptionally(failure)) {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
