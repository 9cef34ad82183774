package io.github.osdatahub.oauth2.spi;

import io.github.osdatahub.oauth2.TokenRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one {@link TokenRequest} and returns the answer. A dumb pipe: no redirects followed, no
 * retries, no authentication of its own, no logging of headers or bodies; retries, deadlines and
 * error mapping live in the core.
 *
 * <p>Every status is an answer, not an error: a 401 or 503 is returned as a
 * {@link TransportResponse}. Only a failure to get an answer (connection refused, reset, TLS, a
 * timeout) is an {@link IOException}. The body is read up to
 * {@link TokenRequest#MAX_RESPONSE_BYTES}; a longer body is cut there and flagged
 * {@link TransportResponse#truncated()} without being read whole.
 *
 * <pre>{@code
 * HttpTransport transport = JdkHttpTransport.create();
 * TransportResponse answer = transport.send(TokenRequest.create(credentials), Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Whoever creates a transport closes it: a provider closes one it discovered, never one it was
 * given; a transport closes what it created itself (a pool, a client), never a client it was given.
 */
public interface HttpTransport extends AutoCloseable {
  /**
   * Sends the request and waits for the answer.
   *
   * @param request the token request
   * @param timeout the most the whole exchange may take, connecting included
   * @return the answer, whatever its status
   * @throws IOException when no answer came, including a timeout ({@code java.net.http.HttpTimeoutException}
   *     or another {@link java.io.InterruptedIOException}) and an interrupt of the calling thread
   *     (an {@link java.io.InterruptedIOException}, with the thread's interrupt flag set again)
   */
  TransportResponse send(TokenRequest request, Duration timeout) throws IOException;

  /**
   * Sends the request without blocking the calling thread, using the client's own asynchronous
   * machinery.
   *
   * @param request the token request
   * @param timeout the most the whole exchange may take, connecting included
   * @return a future of the answer; completed exceptionally with an {@link IOException} (possibly
   *     wrapped in a {@link java.util.concurrent.CompletionException}) when no answer came
   */
  CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout);

  /** Releases what this transport created itself; does nothing by default. */
  @Override
  default void close() {}
}
