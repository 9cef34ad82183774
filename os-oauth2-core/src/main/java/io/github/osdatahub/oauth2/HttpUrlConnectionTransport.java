package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An {@link HttpTransport} over the JDK's {@link java.net.HttpURLConnection}: no library, and the
 * one that starts fastest in a fresh JVM (benchmarks README, "Cold start"), so the transport for
 * short-lived JVMs such as a CLI call, a serverless function or a batch job. It is also what
 * discovery falls back to when no transport module is on the class or module path.
 *
 * <p>{@code HttpURLConnection} has no asynchronous API, so {@link #sendAsync} runs the blocking
 * exchange on an executor thread, which it holds for the whole exchange (at most its timeout):
 * the SDK's shared pool of two daemon threads for {@link #create()}, yours for
 * {@link #create(Executor)}, and the provider's executor when a builder discovered this transport.
 * {@link #send} runs on the calling thread.
 *
 * <p>Each exchange is one POST on a connection of its own, asking the server to close it after
 * the answer ({@code Connection: close}): token requests come minutes apart, far beyond any
 * keep-alive. Redirects are never followed, authentication challenges are not answered (a proxy's
 * still are, by the default {@link java.net.Authenticator}), no response cache is used and the
 * host name is always checked, whatever {@code HttpsURLConnection}'s JVM-wide default verifier
 * says. The body is read to {@link TokenRequest#MAX_RESPONSE_BYTES} and one byte; past that the
 * connection is closed unread and the answer flagged truncated. Connecting, the TLS handshake and
 * the wait for the answer each end by the deadline the timeout sets. Cancelling a
 * {@code sendAsync} future closes the connection; once the body is being read (token answers
 * arrive with their headers) it stops at its next read, by the deadline at the latest, since the
 * JDK cannot close a connection while a read on it is in progress.
 *
 * <pre>{@code
 * CachingTokenProvider provider = OsOAuth2.builder(credentials)
 *     .transport(HttpUrlConnectionTransport.create())
 *     .build();
 * }</pre>
 *
 * <p>What the JDK does on its own, beyond this class's reach: it sends a POST once more, on a new
 * connection, when a server closes the connection without answering (turn this off with
 * {@code -Dsun.net.http.retryPost=false}); and it applies the system proxy settings and an
 * application-wide {@link java.net.CookieHandler} as it does to every {@code HttpURLConnection}.
 */
public final class HttpUrlConnectionTransport implements HttpTransport {
  /** The most that opening a connection may take, within the exchange's own timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Executor executor;

  private HttpUrlConnectionTransport(Executor executor) {
    this.executor = executor;
  }

  /**
   * A transport whose {@link #sendAsync} runs on the SDK's shared pool of two daemon threads (the
   * pool a provider uses when given no executor).
   *
   * @return the transport
   */
  public static HttpUrlConnectionTransport create() {
    return new HttpUrlConnectionTransport(SharedExecutor.get());
  }

  /**
   * A transport whose {@link #sendAsync} runs on the given executor, one thread per exchange for
   * at most its timeout. Do not give it an executor whose threads may all be waiting for a token,
   * such as the pool of tasks that call {@code token()}: the exchange would wait behind them.
   *
   * @param executor where exchanges run; yours to shut down
   * @return the transport
   */
  public static HttpUrlConnectionTransport create(Executor executor) {
    return new HttpUrlConnectionTransport(Objects.requireNonNull(executor, "executor"));
  }

  @Override
  public TransportResponse send(TokenRequest request, Duration timeout) throws IOException {
    Objects.requireNonNull(request, "request");
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted before the token request was sent");
    }
    return new UrlConnectionExchange(request, timeout, DEFAULT_CONNECT_TIMEOUT).run();
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout) {
    Objects.requireNonNull(request, "request");
    UrlConnectionExchange exchange = new UrlConnectionExchange(request, timeout, DEFAULT_CONNECT_TIMEOUT);
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    // Cancelling the caller's future closes the connection, or stops the exchange before it starts.
    result.whenComplete((answer, failure) -> {
      if (result.isCancelled()) {
        exchange.cancel();
      }
    });
    try {
      executor.execute(() -> {
        try {
          result.complete(exchange.run());
        } catch (IOException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IOException("the executor refused the token exchange", e));
    }
    return result;
  }

  @Override
  public String toString() {
    return "HttpUrlConnectionTransport[connectTimeout=" + DEFAULT_CONNECT_TIMEOUT + "]";
  }
}
