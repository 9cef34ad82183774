package io.github.osdatahub.oauth2.benchmarks;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TimeSource;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token endpoint in memory: answers every request with a new token of a fixed lifetime, after an
 * optional delay, and counts requests. Benchmarks measure the cache, not HTTP or JSON.
 */
final class InMemoryTokenEndpoint implements HttpTransport {
  /** Reads {@code value;seconds} bodies. */
  static final JsonCodec CODEC = text -> {
    int semi = text.indexOf(';');
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", text.substring(0, semi));
    m.put("expires_in", text.substring(semi + 1));
    m.put("token_type", "Bearer");
    return m;
  };

  private static final ScheduledExecutorService DELAYER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "in-memory-token-endpoint");
    t.setDaemon(true);
    return t;
  });

  private final AtomicLong requests = new AtomicLong();
  private final long lifetimeSeconds;
  private final long delayMillis;

  InMemoryTokenEndpoint(Duration lifetime, Duration delay) {
    this.lifetimeSeconds = lifetime.getSeconds();
    this.delayMillis = delay.toMillis();
  }

  /** A caching provider over this endpoint, as an application would build it. */
  CachingTokenProvider provider(TimeSource time) {
    return OsOAuth2.builder(ProjectCredentials.of("bench-key", "bench-secret"))
        .transport(this).jsonCodec(CODEC).timeSource(time).build();
  }

  long requests() {
    return requests.get();
  }

  private TransportResponse answer() {
    long n = requests.incrementAndGet();
    return TransportResponse.of(200, Map.of(),
        ("ZclClFcksJlZ19vnJOt09Yj3" + n + ";" + lifetimeSeconds).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public TransportResponse send(TokenRequest request, Duration timeout) {
    return sendAsync(request, timeout).join();
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout) {
    if (delayMillis == 0) {
      return CompletableFuture.completedFuture(answer());
    }
    CompletableFuture<TransportResponse> f = new CompletableFuture<>();
    DELAYER.schedule(() -> f.complete(answer()), delayMillis, TimeUnit.MILLISECONDS);
    return f;
  }
}
