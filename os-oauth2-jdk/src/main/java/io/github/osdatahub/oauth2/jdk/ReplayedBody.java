package io.github.osdatahub.oauth2.jdk;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Feeds a body already held in memory to a caller's {@link HttpResponse.BodySubscriber}, honouring
 * its demand, so the caller's handler sees a buffered 401 as if it came from the network.
 */
final class ReplayedBody implements Flow.Subscription {
  private final HttpResponse.BodySubscriber<?> subscriber;
  private final byte[] bytes;
  private boolean done; // guarded by this; request() may be re-entered from onNext

  private ReplayedBody(HttpResponse.BodySubscriber<?> subscriber, byte[] bytes) {
    this.subscriber = subscriber;
    this.bytes = bytes;
  }

  /** Subscribes {@code subscriber} to {@code bytes} and returns its body. */
  static <T> CompletionStage<T> replay(HttpResponse.BodySubscriber<T> subscriber, byte[] bytes) {
    ReplayedBody subscription = new ReplayedBody(subscriber, bytes);
    subscriber.onSubscribe(subscription);
    if (bytes.length == 0) {
      subscription.finish(null); // completion needs no demand
    }
    return subscriber.getBody();
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      finish(new IllegalArgumentException("non-positive request: " + n));
      return;
    }
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
    }
    subscriber.onNext(List.of(ByteBuffer.wrap(bytes).asReadOnlyBuffer()));
    subscriber.onComplete();
  }

  @Override
  public void cancel() {
    synchronized (this) {
      done = true;
    }
  }

  private void finish(Throwable failure) {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
    }
    if (failure == null) {
      subscriber.onComplete();
    } else {
      subscriber.onError(failure);
    }
  }
}
