package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenAuthorizer;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.apache.internal.RequestAuthorization;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * The async client's exec-chain element: the same rules as {@link OsDataHubExecChainHandler}
 * (token on every hop whose route the {@link TokenScope} permits, the caller's own
 * {@code Authorization} left alone, one retry with a fresh token on a 401, nothing done on 403 or
 * 429), without ever blocking a thread.
 *
 * <p>The token comes from {@link TokenProvider#tokenAsync()}. While a token is cached that future
 * is already complete and the exchange goes on at once on the calling thread; otherwise the
 * exchange goes on from the future's completion, so an I/O reactor thread never waits for a token.
 * A 401 to a request that carried our token is not passed on when a retry will follow: its body is
 * dropped and the request is sent again (the request entity must be repeatable) with the fresh
 * token; the second answer is passed on whatever it is. When no token can be had the exchange fails
 * with an {@link IOException} whose cause is the provider's
 * {@link io.github.osdatahub.oauth2.OsOAuth2Exception}. The rule is core's {@link TokenAuthorizer}.
 *
 * <pre>{@code
 * CloseableHttpAsyncClient client = OsDataHubExecChain.installOn(HttpAsyncClients.custom(), provider).build();
 * client.start();
 * }</pre>
 */
public final class OsDataHubAsyncExecChainHandler implements AsyncExecChainHandler {
  private final TokenAuthorizer authorizer;

  private OsDataHubAsyncExecChainHandler(TokenAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /**
   * A handler that sends the token to {@code api.os.uk} only.
   *
   * @param provider where tokens come from
   * @return the handler
   */
  public static OsDataHubAsyncExecChainHandler create(TokenProvider provider) {
    return create(provider, TokenScope.defaults());
  }

  /**
   * A handler that sends the token where the scope permits.
   *
   * @param provider where tokens come from
   * @param scope the hosts that may receive the token
   * @return the handler
   */
  public static OsDataHubAsyncExecChainHandler create(TokenProvider provider, TokenScope scope) {
    return new OsDataHubAsyncExecChainHandler(TokenAuthorizer.create(provider, scope));
  }

  /**
   * Authorizes this hop and proceeds, now if a token is at hand, or when one arrives.
   *
   * @param request the request of this hop
   * @param entityProducer the request entity, or null
   * @param chainScope the exchange's scope
   * @param chain the rest of the chain
   * @param callback where the answer goes
   * @throws HttpException as the rest of the chain throws it
   * @throws IOException as the rest of the chain throws it
   */
  @Override
  public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope chainScope,
      AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
    if (RequestAuthorization.callerAuthorized(request, chainScope.clientContext, chainScope.exchangeId)
        || !RequestAuthorization.permits(authorizer, chainScope.route, request)) {
      chain.proceed(request, entityProducer, chainScope, callback);
      return;
    }
    Exchange exchange = new Exchange(request, entityProducer, chainScope, chain, callback);
    CompletableFuture<AccessToken> token = authorizer.tokenAsync();
    AccessToken ready = readyToken(token);
    if (ready != null) {
      exchange.send(ready, true); // the hot path: no hand-off, failures thrown as the chain throws them
    } else {
      exchange.sendWhenReady(token, true);
    }
  }

  private static AccessToken readyToken(CompletableFuture<AccessToken> token) {
    return token.isDone() && !token.isCompletedExceptionally() ? token.join() : null;
  }

  /** One exchange of one hop: the first attempt and at most one retry. */
  private final class Exchange {
    private final HttpRequest request;
    private final AsyncEntityProducer entityProducer;
    private final AsyncExecChain.Scope chainScope;
    private final AsyncExecChain chain;
    private final AsyncExecCallback callback;
    private final Header[] arrived; // the elements below add headers; a retry starts from these again

    Exchange(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope chainScope,
        AsyncExecChain chain, AsyncExecCallback callback) {
      this.request = request;
      this.entityProducer = entityProducer;
      this.chainScope = chainScope;
      this.chain = chain;
      this.callback = callback;
      this.arrived = request.getHeaders();
    }

    /** Goes on when the token future completes, on whichever thread completes it; never waits. */
    void sendWhenReady(CompletableFuture<AccessToken> token, boolean mayRetry) {
      token.whenComplete((value, error) -> {
        if (error != null) {
          callback.failed(unwrap(error));
          return;
        }
        if (chainScope.cancellableDependency != null && chainScope.cancellableDependency.isCancelled()) {
          callback.failed(new CancellationException("cancelled while waiting for an OS Data Hub token"));
          return;
        }
        try {
          send(value, mayRetry);
        } catch (HttpException | IOException | RuntimeException e) {
          callback.failed(e);
        }
      });
    }

    void send(AccessToken token, boolean mayRetry) throws HttpException, IOException {
      request.setHeaders(arrived);
      RequestAuthorization.authorize(request, chainScope.clientContext, chainScope.exchangeId, token);
      chain.proceed(request, entityProducer, chainScope, new Attempt(this, token, mayRetry));
    }

    /** {@code fresh} completes with null when the provider turned out to have no other token. */
    void retry(AccessToken rejected, CompletableFuture<AccessToken> fresh) {
      if (entityProducer != null) {
        entityProducer.releaseResources(); // rewinds a repeatable producer for the second send
      }
      // The 401 is gone by then, so the caller gets the second answer even with the same token.
      sendWhenReady(fresh.thenApply(token -> token == null ? rejected : token), false);
    }
  }

  /** Watches one attempt's answer: passes it on, or swallows a 401 that a retry will replace. */
  private final class Attempt implements AsyncExecCallback {
    private final Exchange exchange;
    private final AccessToken sent;
    private final boolean mayRetry;
    private volatile CompletableFuture<AccessToken> retryWith;

    Attempt(Exchange exchange, AccessToken sent, boolean mayRetry) {
      this.exchange = exchange;
      this.sent = sent;
      this.mayRetry = mayRetry;
    }

    @Override
    public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails)
        throws HttpException, IOException {
      if (mayRetry && response.getCode() == HttpStatus.SC_UNAUTHORIZED
          && (exchange.entityProducer == null || exchange.entityProducer.isRepeatable())) {
        // Never blocks: the invalidation is a CAS, a refresh runs on the provider's executor.
        CompletableFuture<AccessToken> fresh = authorizer.tokenForRetryAsync(sent);
        if (!fresh.isDone() || fresh.isCompletedExceptionally() || fresh.join() != null) {
          retryWith = fresh;
          return null; // Apache reads and drops the 401's body; completed() then retries
        }
      }
      return exchange.callback.handleResponse(response, entityDetails);
    }

    @Override
    public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
      exchange.callback.handleInformationResponse(response);
    }

    @Override
    public void completed() {
      CompletableFuture<AccessToken> fresh = retryWith;
      if (fresh == null) {
        exchange.callback.completed();
      } else {
        exchange.retry(sent, fresh);
      }
    }

    @Override
    public void failed(Exception cause) {
      exchange.callback.failed(cause);
    }
  }

  private static Exception unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e instanceof Exception ? (Exception) e : new ExecutionException(e);
  }

  @Override
  public String toString() {
    return "OsDataHubAsyncExecChainHandler[" + authorizer.scope() + "]";
  }
}
