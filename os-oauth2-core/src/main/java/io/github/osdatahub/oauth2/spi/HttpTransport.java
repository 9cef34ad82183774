package io.github.osdatahub.oauth2.spi;

import io.github.osdatahub.oauth2.TokenRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one {@link TokenRequest} and returns the answer. A dumb pipe: no redirects, retries,
 * authentication or logging of headers and bodies of its own; the core does the rest. Every status
 * is an answer ({@link TransportResponse}); only a failure to get one (refused, reset, TLS, a
 * timeout) is an {@link IOException}. A body over {@link TokenRequest#MAX_RESPONSE_BYTES} is cut and
 * flagged {@link TransportResponse#truncated()}, never read whole.
 *
 * <p>Whoever creates a transport closes it: a provider closes one it discovered, never one it was
 * given; a transport closes what it created itself (a pool, a client), never a client it was given.
 */
public interface HttpTransport extends AutoCloseable {
  /**
   * @param request the token request
   * @param timeout the most the whole exchange may take, connecting included
   * @return the answer, whatever its status, after waiting for it
   * @throws IOException when no answer came: also a timeout, and an interrupt (an
   *     {@link java.io.InterruptedIOException}, with the thread's interrupt flag set again)
   */
  TransportResponse send(TokenRequest request, Duration timeout) throws IOException;

  /**
   * @param request the token request
   * @param timeout the most the whole exchange may take, connecting included
   * @return at once, without blocking: a future of the answer from the client's own asynchronous
   *     machinery; failed with an {@link IOException} (maybe wrapped) when none came
   */
  CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout);

  /** Releases what this transport created itself; does nothing by default. */
  @Override
  default void close() {}
}
