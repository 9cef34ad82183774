package io.github.osdatahub.oauth2.apache;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.protocol.HttpClientContext;

/**
 * Drops the connection of one async exchange on the SDK's own client when the caller cancels or
 * the deadline passes.
 *
 * <p>Cancelling the future that Apache's {@code execute} returns can miss the exchange (httpclient5
 * 5.4 to 5.6): that future keeps only the last dependency set on it, and when the pool hands out a
 * connection at once, the lease's (already finished) dependency is set after the exchange's own,
 * so the cancel reaches nothing and the connection stays open until the response timeout. So the
 * SDK's own client carries {@link #HANDLER}, which gives each exchange's {@link AsyncExecRuntime}
 * to the handle in its context; {@link #abort()} discards the endpoint, as Apache's own hard
 * cancellation does. A client the user passes in has no such handler and keeps Apache's behaviour.
 */
final class ExchangeAbort {
  private static final String ATTRIBUTE = ExchangeAbort.class.getName();

  /** The exec-chain element that hands each exchange's runtime to its handle, if it has one. */
  static final AsyncExecChainHandler HANDLER = (request, entityProducer, scope, chain, callback) -> {
    Object handle = scope.clientContext.getAttribute(ATTRIBUTE);
    ExchangeAbort abort = handle instanceof ExchangeAbort ? (ExchangeAbort) handle : null;
    if (abort != null) {
      abort.runtime.set(scope.execRuntime);
    }
    chain.proceed(request, entityProducer, scope, callback);
    if (abort != null && abort.aborted) {
      // Aborted while the chain was leasing a connection on this thread: drop what it leased.
      scope.execRuntime.discardEndpoint();
    }
  };

  private final AtomicReference<AsyncExecRuntime> runtime = new AtomicReference<>();
  private volatile boolean aborted;

  /**
   * A new context for one exchange, carrying this handle.
   *
   * @return the context to execute the exchange with
   */
  HttpClientContext context() {
    HttpClientContext context = HttpClientContext.create();
    context.setAttribute(ATTRIBUTE, this);
    return context;
  }

  /** Closes the exchange's connection, if the exchange has one; safe from any thread, idempotent. */
  void abort() {
    aborted = true;
    AsyncExecRuntime r = runtime.get();
    if (r != null) {
      r.discardEndpoint();
    }
  }
}
