package io.github.osdatahub.oauth2.jdk;

import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An {@link HttpTransport} over the JDK's {@link HttpClient}, with native blocking
 * ({@link HttpClient#send send}) and asynchronous ({@link HttpClient#sendAsync sendAsync}) paths.
 *
 * <p>The whole exchange fits the timeout it is given: {@link HttpRequest.Builder#timeout} bounds
 * the wait for the response headers and the body must then arrive before the same deadline. The
 * body is kept to at most {@link TokenRequest#MAX_RESPONSE_BYTES}; past that the connection is
 * closed rather than read to the end. Cancelling the future of {@link #sendAsync} aborts the
 * exchange. Redirects are never followed, so the Basic credentials go to the token endpoint only.
 *
 * <pre>{@code
 * HttpTransport transport = JdkHttpTransport.create();                  // connect timeout 5 s
 * HttpTransport mine = JdkHttpTransport.create(HttpClient.newBuilder()  // your proxy, TLS, executor
 *     .proxy(ProxySelector.of(new InetSocketAddress("proxy.example", 3128)))
 *     .followRedirects(HttpClient.Redirect.NEVER)
 *     .build());
 * CachingTokenProvider provider = OsOAuth2.builder(credentials).transport(transport).build();
 * }</pre>
 */
public final class JdkHttpTransport implements HttpTransport {
  /** The connect timeout of the client that {@link #create()} builds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  // The JDK sets these itself (from the body publisher and the URI) and refuses them in a request.
  private static final Set<String> SET_BY_THE_JDK = Set.of("content-length", "host", "connection", "expect",
      "upgrade");

  private final HttpClient client;
  private final boolean ownsClient;

  private JdkHttpTransport(HttpClient client, boolean ownsClient) {
    this.client = client;
    this.ownsClient = ownsClient;
  }

  /**
   * A transport on a new client of its own: connect timeout {@link #DEFAULT_CONNECT_TIMEOUT},
   * redirects never followed, HTTP/1.1, the JDK's default (daemon) executor, the system's proxy
   * selector and default TLS settings.
   *
   * @return the transport
   */
  public static JdkHttpTransport create() {
    return new JdkHttpTransport(HttpClient.newBuilder()
        .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build(), true);
  }

  /**
   * A transport on the caller's client, used as it is (its proxy, TLS, executor, connect timeout,
   * version and cookie handler all apply; nothing of it is changed). The client must not follow
   * redirects: a transport never does, so that the Basic credentials cannot be replayed to
   * wherever a redirect points, and the JDK gives no way to turn redirects off per request.
   *
   * @param client a client built with {@code followRedirects(HttpClient.Redirect.NEVER)} (the
   *     JDK's default)
   * @return the transport
   * @throws IllegalArgumentException when the client follows redirects
   */
  public static JdkHttpTransport create(HttpClient client) {
    Objects.requireNonNull(client, "client");
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("JdkHttpTransport needs an HttpClient that does not follow redirects, "
          + "but this one's policy is " + client.followRedirects() + ": the token request carries the Basic "
          + "credentials and must go to the token endpoint only. Build the client with "
          + "followRedirects(HttpClient.Redirect.NEVER) (the JDK's default), or use JdkHttpTransport.create().");
    }
    return new JdkHttpTransport(client, false);
  }

  /**
   * Closes the client {@link #create()} made, where the JDK can (Java 21 and later); a client passed
   * in is left to its owner.
   */
  @Override
  public void close() {
    if (ownsClient && client instanceof AutoCloseable) {
      try {
        ((AutoCloseable) client).close();
      } catch (Exception e) {
        // Closing is best effort: the client is unreachable from here on either way.
      }
    }
  }

  @Override
  public TransportResponse send(TokenRequest request, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      return answer(client.send(httpRequest(request, timeout), bodyHandler(deadline, timeout)));
    } catch (InterruptedException e) {
      // The JDK has already cancelled the exchange; the caller learns of the interrupt both ways.
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for the token endpoint");
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<HttpResponse<byte[]>> exchange;
    try {
      exchange = client.sendAsync(httpRequest(request, timeout), bodyHandler(deadline, timeout));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    // A future of our own, not one derived from the JDK's: a derived one shares the exchange's
    // canceller, so cancelling it could complete it with the exchange's failure instead, leaving
    // the caller's future not cancelled.
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    exchange.whenComplete((response, failure) -> {
      if (failure != null) {
        result.completeExceptionally(unwrap(failure));
        return;
      }
      try {
        result.complete(answer(response));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    // Cancelling the caller's future aborts the exchange, which closes its connection.
    result.whenComplete((r, failure) -> {
      if (result.isCancelled()) {
        exchange.cancel(true);
      }
    });
    return result;
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /** The client this transport sends with; for tests. */
  HttpClient client() {
    return client;
  }

  private static HttpRequest httpRequest(TokenRequest request, Duration timeout) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.endpoint())
        .timeout(timeout)
        .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      if (!SET_BY_THE_JDK.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        builder.setHeader(header.getKey(), header.getValue());
      }
    }
    return builder.build();
  }

  private static HttpResponse.BodyHandler<byte[]> bodyHandler(long deadline, Duration timeout) {
    return info -> new BoundedBodySubscriber(deadline, timeout);
  }

  private static TransportResponse answer(HttpResponse<byte[]> response) {
    // TransportResponse.of cuts a body of the bound plus one byte and flags it truncated.
    return TransportResponse.of(response.statusCode(), response.headers().map(), response.body());
  }

  @Override
  public String toString() {
    return "JdkHttpTransport[" + client.version() + ", connectTimeout="
        + client.connectTimeout().map(Duration::toString).orElse("none") + "]";
  }
}
