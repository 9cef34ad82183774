package io.github.osdatahub.oauth2.benchmarks;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.TimeSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Read latency across refreshes, every read timed: 2 threads read continuously for 10 s while 2 s
 * tokens are renewed by an endpoint that takes 50 ms (both caches with the same margins, as in
 * {@link RefreshLatencyBenchmark}). JMH's sample mode times about one call in several hundred, so it
 * misses the few reads that wait for a refresh; this probe times them all (each timing adds two
 * {@code System.nanoTime()} calls, about 45 ns) and reports the slowest reads and the percentiles.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.osdatahub.oauth2.benchmarks.RefreshLatencyProbe [threads]}
 */
public final class RefreshLatencyProbe {
  private static final URI API = URI.create("https://api.os.uk/maps/raster/v1/wmts");
  private static final long RUN_NANOS = Duration.ofSeconds(10).toNanos();
  private static final long SLOW_NANOS = 1_000; // reads over 1 µs are kept individually
  private static int threads = 2;

  private static volatile String baseline = "Bearer x";

  private RefreshLatencyProbe() {}

  /** One read of a cache. */
  interface Read {
    void run() throws Exception;
  }

  /**
   * Runs the probe.
   *
   * @param args optionally the number of reader threads (default 2)
   * @throws Exception if a read fails
   */
  public static void main(String[] args) throws Exception {
    threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    CachingTokenProvider ours = new InMemoryTokenEndpoint(Duration.ofSeconds(2), Duration.ofMillis(50))
        .provider(TimeSource.system());
    RefreshLatencyBenchmark.SlowEndpointCredentials google = new RefreshLatencyBenchmark.SlowEndpointCredentials();
    System.out.printf("%-22s %12s %10s %10s %10s %10s %12s%n", "cache", "reads", "p99.9", "p99.99", "max",
        ">1ms reads", "refreshes");
    // The floor on this machine: what preemption and GC alone do to a read that cannot block.
    probe("baseline volatile read", () -> baseline.length(), () -> 0);
    try (ours) {
      probe("os-oauth2 (ours)", () -> ours.token(), () -> ours.stats().tokenRequests());
    }
    probe("google-auth-library", () -> google.getRequestMetadata(API), google::refreshes);
  }

  private static void probe(String name, Read read, java.util.function.LongSupplier refreshes) throws Exception {
    for (long end = System.nanoTime() + Duration.ofSeconds(3).toNanos(); System.nanoTime() < end; ) {
      read.run(); // warm up: JIT, first token
    }
    long refreshesBefore = refreshes.getAsLong();
    long[] counts = new long[threads];
    List<long[]> slow = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int id = t;
      long[] mine = new long[200_000];
      slow.add(mine);
      new Thread(() -> {
        int kept = 0;
        long n = 0;
        long stop = System.nanoTime() + RUN_NANOS;
        try {
          while (true) {
            long start = System.nanoTime();
            if (start >= stop) {
              break;
            }
            read.run();
            long took = System.nanoTime() - start;
            n++;
            if (took > SLOW_NANOS && kept < mine.length) {
              mine[kept++] = took;
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          counts[id] = n;
          done.countDown();
        }
      }, "reader-" + t).start();
    }
    done.await();
    long total = Arrays.stream(counts).sum();
    long[] outliers = slow.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
    System.out.printf("%-22s %12d %10s %10s %10s %10d %12d%n", name, total, rank(outliers, total, 0.999),
        rank(outliers, total, 0.9999), micros(outliers.length == 0 ? 0 : outliers[outliers.length - 1]),
        Arrays.stream(outliers).filter(v -> v > 1_000_000).count(), refreshes.getAsLong() - refreshesBefore);
  }

  /** The latency at a quantile, from the reads kept over 1 µs (below that, "under 1 µs"). */
  private static String rank(long[] outliers, long total, double quantile) {
    long fromTop = (long) Math.ceil(total * (1 - quantile));
    if (fromTop > outliers.length) {
      return "under 1 µs";
    }
    return micros(outliers[(int) (outliers.length - fromTop)]);
  }

  private static String micros(long nanos) {
    return nanos < 1_000_000 ? String.format("%.1f µs", nanos / 1e3) : String.format("%.1f ms", nanos / 1e6);
  }
}
