package io.github.osdatahub.oauth2.benchmarks;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.TimeSource;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * The cost of reading a cached, valid token: our {@code CachingTokenProvider.token()} against AWS SDK
 * v2's {@code CachedSupplier.get()} and google-auth-library's
 * {@code OAuth2Credentials.getRequestMetadata(URI)}, each holding a token valid for a day, on 1 and 2
 * threads; with a bare volatile read and {@code System.nanoTime()} for scale.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CachedTokenReadBenchmark {
  private static final URI API = URI.create("https://api.os.uk/maps/raster/v1/wmts");

  private CachingTokenProvider ours;
  private CachedSupplier<String> aws;
  private OAuth2Credentials google;
  private volatile String volatileField = "Bearer x";

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    ours = new InMemoryTokenEndpoint(Duration.ofDays(1), Duration.ZERO).provider(TimeSource.system());
    ours.token();
    Instant expiry = Instant.now().plus(Duration.ofDays(1));
    aws = CachedSupplier.builder(() -> RefreshResult.builder("Bearer aws-token")
        .staleTime(expiry.minusSeconds(60)).prefetchTime(expiry.minusSeconds(300)).build()).build();
    aws.get();
    google = OAuth2Credentials.create(new AccessToken("google-token", Date.from(expiry)));
    google.getRequestMetadata(API);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    ours.close();
    aws.close();
  }

  @Benchmark
  @Threads(1)
  public String ours1Thread() {
    return ours.token().authorizationHeader();
  }

  @Benchmark
  @Threads(2)
  public String ours2Threads() {
    return ours.token().authorizationHeader();
  }

  @Benchmark
  @Threads(1)
  public String awsCachedSupplier1Thread() {
    return aws.get();
  }

  @Benchmark
  @Threads(2)
  public String awsCachedSupplier2Threads() {
    return aws.get();
  }

  @Benchmark
  @Threads(1)
  public Map<String, List<String>> googleAuth1Thread() throws IOException {
    return google.getRequestMetadata(API);
  }

  @Benchmark
  @Threads(2)
  public Map<String, List<String>> googleAuth2Threads() throws IOException {
    return google.getRequestMetadata(API);
  }

  @Benchmark
  @Threads(1)
  public String baselineVolatileRead() {
    return volatileField;
  }

  @Benchmark
  @Threads(1)
  public long baselineNanoTime() {
    return System.nanoTime();
  }
}
