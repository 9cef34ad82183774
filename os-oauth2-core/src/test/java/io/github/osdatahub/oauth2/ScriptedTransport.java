package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A token endpoint in memory, for cache tests: each request gets the answer the current script
 * gives for its number (1, 2, ...). Tokens are {@code tok-N}; the body is {@code tok-N;seconds},
 * read by {@link #CODEC}, because the cache tests are about timing, not JSON.
 */
final class ScriptedTransport implements HttpTransport {
  /** Reads {@code value;seconds} bodies into the members a token answer has. */
  static final JsonCodec CODEC = text -> {
    String[] parts = text.split(";");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", parts[0]);
    m.put("expires_in", parts[1]);
    m.put("token_type", "Bearer");
    return m;
  };

  private final AtomicInteger requests = new AtomicInteger();
  private volatile IntFunction<CompletableFuture<TransportResponse>> script;
  private volatile long lifetimeSeconds = 299;

  ScriptedTransport() {
    succeed();
  }

  /** Every request gets a fresh token at once. */
  ScriptedTransport succeed() {
    script = n -> CompletableFuture.completedFuture(token(n));
    return this;
  }

  /** Every request gets this status. */
  ScriptedTransport fail(int status) {
    script = n -> CompletableFuture.completedFuture(TransportResponse.of(status, Map.of(),
        "{\"ErrorCode\":\"x\",\"Error\":\"y\"}".getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  /** Requests are answered only when the test completes the returned futures. */
  ScriptedTransport respondWith(IntFunction<CompletableFuture<TransportResponse>> script) {
    this.script = script;
    return this;
  }

  ScriptedTransport lifetime(Duration lifetime) {
    this.lifetimeSeconds = lifetime.getSeconds();
    return this;
  }

  TransportResponse token(int n) {
    return TransportResponse.of(200, Map.of("Content-Type", List.of("application/json")),
        ("tok-" + n + ";" + lifetimeSeconds).getBytes(StandardCharsets.UTF_8));
  }

  int requests() {
    return requests.get();
  }

  @Override
  public TransportResponse send(TokenRequest request, Duration timeout) {
    return sendAsync(request, timeout).join();
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout) {
    return script.apply(requests.incrementAndGet());
  }
}
