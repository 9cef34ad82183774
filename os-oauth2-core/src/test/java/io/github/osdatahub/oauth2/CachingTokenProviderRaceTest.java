package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each race the stress campaign found, made deterministic: a thread is held at the exact point
 * where the old code went wrong, and the test checks what the others see meanwhile.
 */
class CachingTokenProviderRaceTest {
  private final ManualTimeSource time = new ManualTimeSource();
  private final ScriptedTransport endpoint = new ScriptedTransport();
  private final List<CompletableFuture<TransportResponse>> answers = new CopyOnWriteArrayList<>();
  private ExecutorService pool;
  private CachingTokenProvider provider;

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private OsOAuth2.Builder client(TimeSource clock) {
    return OsOAuth2.builder(ProjectCredentials.of("key", "secret")).transport(endpoint)
        .jsonCodec(ScriptedTransport.CODEC).timeSource(clock).maxAttempts(1);
  }

  /** Requests are answered only when the test completes {@code answers.get(n - 1)}. */
  private void answerByHand() {
    endpoint.respondWith(n -> {
      CompletableFuture<TransportResponse> f = new CompletableFuture<>();
      answers.add(f);
      return f;
    });
  }

  @Test
  void aTokenInvalidatedWhilePublishedIsNeverHandedToLaterCallersAndItsInvalidationRefreshes() throws Exception {
    // The answering thread is held inside publication (when it arms the token's timer): the old code
    // had published the token there but still showed its refresh as in flight.
    HeldTimeSource held = new HeldTimeSource(time);
    answerByHand();
    provider = client(held).executor(Runnable::run)
        .random(() -> 0.0).build();
    CompletableFuture<AccessToken> early = provider.tokenAsync();
    Thread answering = new Thread(() -> {
      held.holdNextScheduleOnThisThread();
      answers.get(0).complete(endpoint.token(1));
    });
    answering.start();
    held.awaitHeld();
    AccessToken first = provider.token(); // published
    assertThat(first.value()).isEqualTo("tok-1");
    provider.invalidate(first);
    CompletableFuture<AccessToken> later = provider.tokenAsync();
    assertThat(endpoint.requests()).as("the invalidation started a refresh").isEqualTo(2);
    held.release();
    answering.join(10_000);
    answers.get(1).complete(endpoint.token(2));
    assertThat(later.get(10, TimeUnit.SECONDS).value()).isEqualTo("tok-2");
    assertThat(early.get(10, TimeUnit.SECONDS).value()).isEqualTo("tok-2"); // re-read the cache when woken
  }

  @Test
  void closeCancelsTheExchangeSoNoRetryIsSentAfterIt() {
    endpoint.fail(503);
    provider = client(time).maxAttempts(3).executor(Runnable::run).build();
    CompletableFuture<AccessToken> waiting = provider.tokenAsync();
    assertThat(endpoint.requests()).isEqualTo(1); // its retry is on the timer
    provider.close();
    time.advance(Duration.ofHours(1));
    assertThat(endpoint.requests()).isEqualTo(1);
    assertThat(waiting).isCompletedExceptionally();
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void aCallerThatPassedTheClosedCheckSendsNothingAfterCloseReturns() throws Exception {
    AtomicBoolean closeReturned = new AtomicBoolean();
    AtomicBoolean sentAfterClose = new AtomicBoolean();
    CountDownLatch inSend = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    endpoint.respondWith(n -> {
      inSend.countDown();
      await(resume);
      sentAfterClose.compareAndSet(false, closeReturned.get()); // the request leaves only now
      return new CompletableFuture<>();
    });
    provider = client(time).executor(Runnable::run).build();
    Thread caller = new Thread(() -> provider.tokenAsync());
    caller.start();
    await(inSend);
    Thread closer = new Thread(() -> {
      provider.close();
      closeReturned.set(true);
    });
    closer.start();
    // close() must wait for the send being started (then cancel it), or return before it: see which.
    Waiting.until(() -> closeReturned.get() || closer.getState() == Thread.State.BLOCKED, "close to block or return");
    resume.countDown();
    closer.join(10_000);
    caller.join(10_000);
    assertThat(closeReturned).isTrue();
    assertThat(sentAfterClose).as("a token request left after close() returned").isFalse();
  }

  @Test
  void tokenAsyncWaitersThatTimeOutCompleteOnTheExecutorNotOnTheTimer() throws Exception {
    answerByHand();
    pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "provider-executor"));
    provider = client(time).executor(pool).maxWait(Duration.ofSeconds(3))
        .build();
    CompletableFuture<AccessToken> waiting = provider.tokenAsync();
    AtomicReference<String> continuationThread = new AtomicReference<>();
    CompletableFuture<Void> continuation = waiting.handle((t, e) -> {
      continuationThread.set(Thread.currentThread().getName());
      return null;
    });
    time.advance(Duration.ofSeconds(3)); // this thread runs the timer
    continuation.get(10, TimeUnit.SECONDS);
    assertThat(continuationThread.get()).isEqualTo("provider-executor");
    assertThat(waiting).isCompletedExceptionally();
  }

  @Test
  void tokenAsyncWaitersWokenByTheTransportCompleteOnTheExecutor() throws Exception {
    answerByHand();
    pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "provider-executor"));
    provider = client(time).executor(pool).build();
    CompletableFuture<AccessToken> waiting = provider.tokenAsync();
    AtomicReference<String> continuationThread = new AtomicReference<>();
    CompletableFuture<Void> continuation = waiting.thenAccept(t -> continuationThread.set(Thread.currentThread().getName()));
    answers.get(0).complete(endpoint.token(1)); // this thread plays the transport's I/O thread
    continuation.get(10, TimeUnit.SECONDS);
    assertThat(continuationThread.get()).isEqualTo("provider-executor");
  }

  @Test
  void aTokenThatArrivesAfterItsHardExpiryIsNotHandedOut() {
    answerByHand();
    endpoint.lifetime(Duration.ofSeconds(10)); // hard expiry 9 s after the request was sent
    provider = client(time).executor(Runnable::run).random(() -> 0.0)
        .build();
    CompletableFuture<AccessToken> waiting = provider.tokenAsync();
    time.advance(Duration.ofMillis(9_500));
    answers.get(0).complete(endpoint.token(1));
    assertThat(waiting).isCompletedExceptionally();
    Throwable cause = catchCause(waiting);
    assertThat(cause).isInstanceOf(TokenUnavailableException.class).hasMessageContaining("arrived after");
    assertThat(provider.stats().failures()).isEqualTo(1);
  }

  @Test
  void underContentionAFailedRefreshIsNeverFollowedByARequestBeforeItsBackoffEnds() throws Exception {
    // The clock stands still, so after the first failure every caller is inside its backoff: any
    // second request is one that read "no failure" before the first failed and claimed after.
    endpoint.fail(503);
    pool = Executors.newFixedThreadPool(4);
    int rounds = 300;
    for (int round = 0; round < rounds; round++) {
      int before = endpoint.requests();
      try (CachingTokenProvider p = client(time).executor(Runnable::run).random(() -> 1.0).build()) {
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> callers = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
          callers.add(pool.submit(() -> {
            await(go);
            for (int i = 0; i < 50; i++) {
              p.tokenAsync();
            }
          }));
        }
        go.countDown();
        for (java.util.concurrent.Future<?> c : callers) {
          c.get(10, TimeUnit.SECONDS);
        }
      }
      assertThat(endpoint.requests() - before).as("token requests in round %d", round).isEqualTo(1);
    }
  }

  private static Throwable catchCause(CompletableFuture<?> f) {
    try {
      f.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not released within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A time source that can hold one thread inside its next {@code schedule} call. */
  static final class HeldTimeSource implements TimeSource {
    private final TimeSource delegate;
    private final ThreadLocal<Boolean> holdHere = ThreadLocal.withInitial(() -> false);
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    HeldTimeSource(TimeSource delegate) {
      this.delegate = delegate;
    }

    void holdNextScheduleOnThisThread() {
      holdHere.set(true);
    }

    void awaitHeld() {
      await(held);
    }

    void release() {
      released.countDown();
    }

    @Override
    public long nanoTime() {
      return delegate.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
      return delegate.currentTimeMillis();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
      if (holdHere.get()) {
        holdHere.set(false);
        held.countDown();
        await(released);
      }
      return delegate.schedule(task, delayNanos);
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
      delegate.sleep(nanos);
    }
  }
}
