package io.github.osdatahub.oauth2.benchmarks;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.TimeSource;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read latency across refreshes: 2 threads read continuously while 2 s tokens are renewed by an
 * endpoint that takes 50 ms. Both caches use the same margins (refresh 0.5 s before expiry, expired
 * 0.2 s before). Each measurement iteration spans several lifetimes; look at p0.999 and p1.00.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class RefreshLatencyBenchmark {
  private static final URI API = URI.create("https://api.os.uk/maps/raster/v1/wmts");
  private static final Duration LIFETIME = Duration.ofSeconds(2);
  private static final Duration ENDPOINT_DELAY = Duration.ofMillis(50);

  private CachingTokenProvider ours;
  private OAuth2Credentials google;

  /** google-auth's credentials with our margins and an endpoint that takes 50 ms, on the caller's thread. */
  static final class SlowEndpointCredentials extends OAuth2Credentials {
    private static final long serialVersionUID = 1L;
    private final java.util.concurrent.atomic.AtomicLong refreshes = new java.util.concurrent.atomic.AtomicLong();

    SlowEndpointCredentials() {
      super(null, Duration.ofMillis(500), Duration.ofMillis(200)); // refresh margin, expiration margin
    }

    @Override
    public AccessToken refreshAccessToken() throws IOException {
      refreshes.incrementAndGet();
      try {
        Thread.sleep(ENDPOINT_DELAY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      return new AccessToken("google-token-" + System.nanoTime(),
          new Date(System.currentTimeMillis() + LIFETIME.toMillis()));
    }

    long refreshes() {
      return refreshes.get();
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    ours = new InMemoryTokenEndpoint(LIFETIME, ENDPOINT_DELAY).provider(TimeSource.system());
    ours.token();
    google = new SlowEndpointCredentials();
    google.getRequestMetadata(API);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    ours.close();
  }

  @Benchmark
  public String ours() {
    return ours.token().authorizationHeader();
  }

  @Benchmark
  public Map<String, List<String>> googleAuth() throws IOException {
    return google.getRequestMetadata(API);
  }
}
