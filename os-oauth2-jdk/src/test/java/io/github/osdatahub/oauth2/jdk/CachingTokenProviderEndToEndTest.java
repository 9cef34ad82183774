package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.testkit.ManualTimeSource;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.TokenListener;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The cache end to end: JdkHttpTransport and Gson against FakeOsDataHub over loopback HTTP, 50
 * threads reading for five token lifetimes. The fake and the provider share one manual clock, so
 * the lifetimes pass in moments and the request count is exact.
 */
class CachingTokenProviderEndToEndTest {
  private static final Duration LIFETIME = Duration.ofSeconds(20); // refresh at 15 s, expired at 18 s
  // Whole seconds: the refresh-ahead jitter (up to half a second early) then never moves a refresh
  // off its step, so the count is exact without turning the jitter off.
  private static final Duration STEP = Duration.ofSeconds(1);
  private static final int STEPS = 100; // 100 s: five lifetimes

  @Test
  void fiftyThreadsOverFiveLifetimesMakeOneRequestPerRefreshInterval() throws Exception {
    ManualTimeSource time = new ManualTimeSource();
    Set<String> fetched = ConcurrentHashMap.newKeySet();
    AtomicLong fetchedCount = new AtomicLong();
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).tokenLifetime(LIFETIME).start()) {
      CachingTokenProvider provider = OsOAuth2.builder(hub.credentials())
          .endpoint(hub.tokenUri())
          .transport(JdkHttpTransport.create())
          .jsonCodec(GsonJsonCodec.create())
          .timeSource(time)
          .listener(new TokenListener() {
            @Override
            public void onTokenFetched(AccessToken token) {
              fetched.add(token.value());
              fetchedCount.incrementAndGet();
            }
          })
          .build();
      try (provider) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicLong reads = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          Thread t = new Thread(() -> {
            try {
              while (!stop.get()) {
                seen.add(provider.token().value());
                reads.incrementAndGet();
              }
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            }
          });
          t.start();
          readers.add(t);
        }
        for (int step = 0; step < STEPS; step++) {
          provider.token(); // any refresh now due has started when this returns
          awaitNoRefreshInFlight(provider, fetchedCount);
          time.advance(STEP);
        }
        stop.set(true);
        for (Thread t : readers) {
          t.join(10_000);
        }
        assertThat(failure.get()).isNull();
        // Tokens sent at 0, 15, 30, 45, 60, 75 and 90 s.
        assertThat(hub.tokenRequestCount()).isEqualTo(1 + (STEPS * STEP.toMillis()) / 15_000);
        assertThat(provider.stats().tokenRequests()).isEqualTo(hub.tokenRequestCount());
        assertThat(fetched).hasSize(hub.tokenRequestCount());
        assertThat(fetched).containsAll(seen);
        assertThat(reads.get()).isGreaterThan(50);
      }
    }
  }

  /**
   * Waits until every refresh started has delivered its token (the listener runs after the token is
   * installed). Real waiting: the exchange is real HTTP on loopback.
   */
  private static void awaitNoRefreshInFlight(CachingTokenProvider provider, AtomicLong fetched)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (provider.stats().refreshes() != fetched.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("a refresh did not finish: " + provider.stats());
      }
      Thread.sleep(1);
    }
  }
}
