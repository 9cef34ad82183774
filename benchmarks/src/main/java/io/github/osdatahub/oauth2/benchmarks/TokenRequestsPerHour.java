package io.github.osdatahub.oauth2.benchmarks;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleAuthClock;
import com.google.auth.oauth2.OAuth2Credentials;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.testkit.ManualTimeSource;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * Token requests in one simulated hour of continuous load: 64 threads each read the token
 * {@value #CALLS_PER_STEP} times per simulated second while the clock advances a second at a time,
 * for 3,600 steps, with 299 s tokens and an instant endpoint. Ours with its defaults; AWS SDK v2's
 * {@code CachedSupplier} with the margins AWS's own STS provider uses (stale 1 min, prefetch 5 min
 * before expiry); google-auth-library with its defaults (refresh 3 min 45 s, expired 3 min before
 * expiry). Not a JMH benchmark: it counts, it does not time.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.osdatahub.oauth2.benchmarks.TokenRequestsPerHour}
 */
public final class TokenRequestsPerHour {
  static final int THREADS = 64;
  static final int CALLS_PER_STEP = 5;
  static final int STEPS = 3_600;
  static final Duration LIFETIME = Duration.ofSeconds(299);

  private TokenRequestsPerHour() {}

  /** A cache under test: one read, and a way to move its clock. */
  interface Subject {
    void read() throws Exception;

    void advanceOneSecond();

    long requests();
  }

  public static void main(String[] args) throws Exception {
    System.out.printf("%-26s %10s %14s%n", "cache", "requests", "reads");
    report("os-oauth2 (ours)", ours());
    report("AWS SDK v2 CachedSupplier", aws());
    report("google-auth-library", google());
  }

  private static void report(String name, Subject subject) throws Exception {
    long reads = run(subject);
    System.out.printf("%-26s %10d %14d%n", name, subject.requests(), reads);
  }

  /** Runs the hour; returns the number of reads made. */
  static long run(Subject subject) throws Exception {
    Phaser phaser = new Phaser(THREADS + 1);
    AtomicLong reads = new AtomicLong();
    Thread[] threads = new Thread[THREADS];
    for (int i = 0; i < THREADS; i++) {
      threads[i] = new Thread(() -> {
        for (int step = 0; step < STEPS; step++) {
          for (int c = 0; c < CALLS_PER_STEP; c++) {
            try {
              subject.read();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          reads.addAndGet(CALLS_PER_STEP);
          phaser.arriveAndAwaitAdvance(); // reads of this second done
          phaser.arriveAndAwaitAdvance(); // clock moved
        }
      });
      threads[i].start();
    }
    for (int step = 0; step < STEPS; step++) {
      phaser.arriveAndAwaitAdvance();
      subject.advanceOneSecond();
      phaser.arriveAndAwaitAdvance();
    }
    for (Thread t : threads) {
      t.join();
    }
    return reads.get();
  }

  static Subject ours() {
    ManualTimeSource time = new ManualTimeSource();
    InMemoryTokenEndpoint endpoint = new InMemoryTokenEndpoint(LIFETIME, Duration.ZERO);
    CachingTokenProvider provider = endpoint.provider(time);
    return new Subject() {
      @Override
      public void read() {
        provider.token();
      }

      @Override
      public void advanceOneSecond() {
        time.advance(Duration.ofSeconds(1));
      }

      @Override
      public long requests() {
        return endpoint.requests();
      }
    };
  }

  /** A clock the driver moves. */
  static final class SteppedClock extends Clock {
    volatile long millis = 1_700_000_000_000L;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
      return millis;
    }
  }

  static Subject aws() {
    SteppedClock clock = new SteppedClock();
    AtomicLong requests = new AtomicLong();
    CachedSupplier<String> supplier = CachedSupplier.builder(() -> {
      requests.incrementAndGet();
      Instant expiry = clock.instant().plus(LIFETIME);
      return RefreshResult.builder("token").staleTime(expiry.minus(Duration.ofMinutes(1)))
          .prefetchTime(expiry.minus(Duration.ofMinutes(5))).build();
    }).clock(clock).build();
    return new Subject() {
      @Override
      public void read() {
        supplier.get();
      }

      @Override
      public void advanceOneSecond() {
        clock.millis += 1_000;
      }

      @Override
      public long requests() {
        return requests.get();
      }
    };
  }

  static Subject google() {
    SteppedClock clock = new SteppedClock();
    AtomicLong requests = new AtomicLong();
    URI api = URI.create("https://api.os.uk/maps/raster/v1/wmts");
    OAuth2Credentials credentials = new OAuth2Credentials() {
      private static final long serialVersionUID = 1L;

      @Override
      public AccessToken refreshAccessToken() {
        requests.incrementAndGet();
        return new AccessToken("token", new Date(clock.millis + LIFETIME.toMillis()));
      }
    };
    GoogleAuthClock.set(credentials, new com.google.api.client.util.Clock() {
      @Override
      public long currentTimeMillis() {
        return clock.millis;
      }
    });
    return new Subject() {
      @Override
      public void read() throws IOException {
        credentials.getRequestMetadata(api);
      }

      @Override
      public void advanceOneSecond() {
        clock.millis += 1_000;
      }

      @Override
      public long requests() {
        return requests.get();
      }
    };
  }
}
