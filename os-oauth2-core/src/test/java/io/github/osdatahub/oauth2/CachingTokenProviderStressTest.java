package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider's promises (its class javadoc) under seeded random interleavings of {@code token()},
 * {@code tokenAsync()}, {@code tokenAsync(minRemaining)}, {@code invalidate}, clock moves, {@code close()}, and an endpoint that
 * answers, fails, stalls or answers late. Each round is a small program drawn from its seed: three
 * callers and a responder run it on real threads against a manual clock that the responder moves
 * (as a timer thread would), and every promise is checked on every call. A failure names the seed; {@code -Dstress.seed=N -Dstress.rounds=1}
 * replays that round's program (the thread interleaving itself is the machine's).
 */
class CachingTokenProviderStressTest {
  private static final long BASE_SEED = Long.getLong("stress.seed", 20_261_202L);
  private static final int ROUNDS = Integer.getInteger("stress.rounds", 10_000);
  private static final Duration LIFETIME = Duration.ofSeconds(10); // hard expiry 9 s after the request
  private static final long HARD_EXPIRY_NANOS = Duration.ofSeconds(9).toNanos();
  private static final int CALLERS = 3;
  private static final int OPS_PER_CALLER = 8;

  private static ExecutorService executor;

  @BeforeAll
  static void startExecutor() {
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newFixedThreadPool(2, r -> new Thread(r, "exec-" + n.incrementAndGet()));
  }

  @AfterAll
  static void stopExecutor() {
    executor.shutdownNow();
  }

  @Test
  void everyPromiseHoldsAcrossTenThousandSeededRounds() throws Exception {
    long calls = 0;
    long started = System.nanoTime();
    for (int i = 0; i < ROUNDS; i++) {
      Round round = new Round(BASE_SEED + i);
      round.run();
      assertThat(round.violations).as("seed %d", BASE_SEED + i).isEmpty();
      calls += round.calls.get();
    }
    System.out.printf("stress: %d rounds, %d calls, %.1f s%n", ROUNDS, calls, (System.nanoTime() - started) / 1e9);
    assertThat(calls).isGreaterThan(ROUNDS * 10L); // the rounds really called the provider
  }

  /** One seeded program: its endpoint, provider, callers and the checks on what they saw. */
  private static final class Round {
    final long seed;
    final Random plan;
    final ManualTimeSource time = new ManualTimeSource();
    final Queue<String> violations = new ConcurrentLinkedQueue<>();
    final AtomicLong sequence = new AtomicLong(); // orders "returned" before "started" across threads
    final Map<String, Long> invalidatedAt = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger issued = new AtomicInteger();
    final AtomicBoolean closeReturned = new AtomicBoolean();
    final AtomicBoolean listenerBusy = new AtomicBoolean();
    final AtomicInteger lastFetchedNumber = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger callersRunning = new AtomicInteger(CALLERS);
    final AtomicInteger callersWaiting = new AtomicInteger(); // in a token() call
    final BlockingQueue<CompletableFuture<TransportResponse>> pending = new LinkedBlockingQueue<>();
    final Queue<CompletableFuture<?>> asyncCalls = new ConcurrentLinkedQueue<>();
    // Only the responder moves the clock, like the one timer thread of a real system: the timer runs
    // each due task before time moves on, which is what the hot path (no clock read) relies on.
    final Queue<Duration> clockMoves = new ConcurrentLinkedQueue<>();
    final CachingTokenProvider provider;

    Round(long seed) {
      this.seed = seed;
      this.plan = new Random(seed);
      provider = OsOAuth2.builder(ProjectCredentials.of("key", "secret"))
          .transport(new ScriptedTransport().respondWith(n -> send()))
          .jsonCodec(ScriptedTransport.CODEC).timeSource(time)
          .maxAttempts(1 + plan.nextInt(3)).attemptTimeout(Duration.ofSeconds(3)).deadline(Duration.ofSeconds(5))
          .executor(executor).maxWait(Duration.ofSeconds(2)).listener(new OrderedListener()).build();
    }

    private CompletableFuture<TransportResponse> send() {
      if (closeReturned.get()) {
        violations.add("a token request was sent after close() returned");
      }
      if (inFlight.incrementAndGet() > 1) {
        violations.add("two token requests in flight");
      }
      Answer answer = new Answer();
      pending.add(answer);
      return answer;
    }

    /**
     * A request's answer that leaves the in-flight count as it completes, before any dependent runs
     * (dependents run newest first, so a decrement registered as one would come after the client's).
     */
    private final class Answer extends CompletableFuture<TransportResponse> {
      private final AtomicBoolean ended = new AtomicBoolean();

      @Override
      public boolean complete(TransportResponse value) {
        end();
        return super.complete(value);
      }

      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        end();
        return super.cancel(mayInterruptIfRunning);
      }

      private void end() {
        if (ended.compareAndSet(false, true)) {
          inFlight.decrementAndGet();
        }
      }
    }

    void run() throws InterruptedException {
      List<Thread> callers = new ArrayList<>();
      int closer = plan.nextInt(4) == 0 ? plan.nextInt(CALLERS) : -1; // a quarter of rounds close mid-way
      for (int c = 0; c < CALLERS; c++) {
        long callerSeed = plan.nextLong();
        boolean closes = c == closer;
        callers.add(new Thread(() -> caller(new Random(callerSeed), closes), "caller-" + c));
      }
      long responderSeed = plan.nextLong();
      AtomicBoolean callersDone = new AtomicBoolean();
      Thread responder = new Thread(() -> respond(new Random(responderSeed), callersDone), "responder");
      responder.start();
      callers.forEach(Thread::start);
      for (Thread t : callers) {
        t.join(20_000);
        if (t.isAlive()) {
          violations.add(t.getName() + " hung at " + java.util.Arrays.toString(t.getStackTrace()));
        }
      }
      callersDone.set(true);
      responder.join(20_000);
      provider.close();
      closeReturned.set(true);
      for (CompletableFuture<?> f : asyncCalls) {
        try {
          f.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
          // failures are allowed; the checks are attached to the futures
        }
        if (!f.isDone()) {
          violations.add("a tokenAsync future never completed");
        }
      }
    }

    private void caller(Random r, boolean closes) {
      try {
        calls(r, closes);
      } finally {
        callersRunning.decrementAndGet();
      }
    }

    private void calls(Random r, boolean closes) {
      AccessToken last = null;
      int closeAt = closes ? r.nextInt(OPS_PER_CALLER) : -1;
      for (int op = 0; op < OPS_PER_CALLER; op++) {
        if (op == closeAt) {
          provider.close();
          closeReturned.set(true);
          continue;
        }
        switch (r.nextInt(5)) {
          case 0:
          case 1:
            last = syncCall(last);
            break;
          case 2:
            // Half of them ask for a token with up to 12 s left (tokens live 10 s): the path that renews without
            // dropping the token, and the one that refuses at once.
            asyncCall(r.nextBoolean() ? null : Duration.ofMillis(r.nextInt(12_000)));
            break;
          case 3:
            if (last != null) {
              provider.invalidate(last);
              invalidatedAt.putIfAbsent(last.value(), sequence.incrementAndGet());
            }
            break;
          default:
            clockMoves.add(Duration.ofMillis(r.nextInt(3_000)));
        }
      }
    }

    private AccessToken syncCall(AccessToken last) {
      long startedAt = sequence.incrementAndGet();
      long startNanos = time.nanoTime();
      calls.incrementAndGet();
      callersWaiting.incrementAndGet();
      try {
        AccessToken t = provider.token();
        check(t, startedAt, startNanos);
        return t;
      } catch (OsOAuth2Exception failed) {
        return last;
      } finally {
        callersWaiting.decrementAndGet();
      }
    }

    private void asyncCall(Duration minRemaining) {
      long startedAt = sequence.incrementAndGet();
      long startNanos = time.nanoTime();
      calls.incrementAndGet();
      CompletableFuture<AccessToken> f = minRemaining == null ? provider.tokenAsync() : provider.tokenAsync(minRemaining);
      boolean doneAtReturn = f.isDone();
      Thread caller = Thread.currentThread();
      asyncCalls.add(f.whenComplete((t, e) -> {
        Thread here = Thread.currentThread();
        if (!doneAtReturn && here != caller && !here.getName().startsWith("exec-")) {
          violations.add("a tokenAsync continuation ran on " + here.getName());
        }
        if (t != null) {
          check(t, startedAt, startNanos);
        }
      }));
    }

    private void check(AccessToken t, long startedAt, long startNanos) {
      Long invalidated = invalidatedAt.get(t.value());
      if (invalidated != null && invalidated < startedAt) {
        violations.add(t.value() + " was handed to a call that started after its invalidation returned");
      }
      if (startNanos - (t.sentAtNanos() + HARD_EXPIRY_NANOS) >= 0) {
        violations.add(t.value() + " was handed out past its hard expiry");
      }
    }

    private void respond(Random r, AtomicBoolean callersDone) {
      int idle = 0;
      while (!callersDone.get()) {
        Duration move;
        while ((move = clockMoves.poll()) != null) {
          time.advance(move);
        }
        CompletableFuture<TransportResponse> answer;
        try {
          answer = pending.poll(100, TimeUnit.MICROSECONDS); // wakes at once when a request is sent
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (answer == null) {
          // The world does not stand still: a caller may be waiting on a timer. Move the clock at once
          // when every caller still running is waiting in token(), else after a short idle spell.
          boolean allWaiting = callersWaiting.get() >= callersRunning.get();
          if (allWaiting || ++idle == 2) {
            idle = 0;
            time.advance(Duration.ofMillis(500));
          }
          continue;
        }
        idle = 0;
        int choice = r.nextInt(10);
        if (choice < 6) {
          answer.complete(token());
        } else if (choice < 8) {
          answer.complete(TransportResponse.of(503, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)));
        } else if (choice < 9) {
          time.advance(Duration.ofMillis(8_000 + r.nextInt(2_000))); // the answer comes late
          answer.complete(token());
        } else {
          time.advance(Duration.ofSeconds(3)); // a stall: the attempt's own timeout ends it
        }
      }
      CompletableFuture<TransportResponse> left;
      while ((left = pending.poll()) != null) {
        left.complete(TransportResponse.of(503, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)));
      }
    }

    private TransportResponse token() {
      return TransportResponse.of(200, Map.of(), ("tok-" + issued.incrementAndGet() + ";" + LIFETIME.getSeconds())
          .getBytes(StandardCharsets.UTF_8));
    }

    /** Checks that listener calls never overlap and hear fetched tokens in the order they were issued. */
    private final class OrderedListener implements TokenListener {
      @Override
      public void onTokenFetched(AccessToken token) {
        enter();
        int n = Integer.parseInt(token.value().substring("tok-".length()));
        if (lastFetchedNumber.getAndSet(n) > n) {
          violations.add("onTokenFetched out of order at " + token.value());
        }
        listenerBusy.set(false);
      }

      @Override
      public void onRefreshFailed(OsOAuth2Exception failure, boolean servingCachedToken) {
        enter();
        listenerBusy.set(false);
      }

      @Override
      public void onTokenInvalidated(AccessToken token) {
        enter();
        listenerBusy.set(false);
      }

      private void enter() {
        if (!listenerBusy.compareAndSet(false, true)) {
          violations.add("two listener calls overlapped");
        }
      }
    }
  }
}
