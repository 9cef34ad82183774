package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.apache.internal.BoundedEntityStream;
import io.github.osdatahub.oauth2.apache.internal.BoundedResponseConsumer;
import io.github.osdatahub.oauth2.apache.internal.DaemonThreads;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.Configurable;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The {@link HttpTransport} over Apache HttpClient 5: {@link #send send} on a classic
 * {@link CloseableHttpClient}, {@link #sendAsync sendAsync} natively on a
 * {@link CloseableHttpAsyncClient}.
 *
 * <p>A client you pass in is never reconfigured: redirects off and the timeout are set per request
 * (a {@link RequestConfig} copied from the classic client's defaults; the async client's defaults
 * cannot be read, so its token requests use Apache's request defaults plus ours). The whole exchange
 * is bounded by the timeout: when it passes, the request is cancelled and the call fails with a
 * {@link SocketTimeoutException}. The body is read up to {@link TokenRequest#MAX_RESPONSE_BYTES};
 * a longer one is cut there and its connection dropped, never drained. Cancelling the future of
 * {@link #sendAsync} aborts the exchange and drops its connection; on an async client passed in,
 * only as far as Apache's own cancel reaches (the module README says when it does not).
 *
 * <ul>
 *   <li>{@link #create()}: clients of the SDK's own (connect timeout 5 s, redirects, automatic
 *       retries, cookies and content compression off); the async one (one I/O thread, daemon) is
 *       built and started on the first {@code sendAsync}. {@link #close()} closes them.
 *   <li>{@link #create(CloseableHttpClient)}: your classic client for both entry points;
 *       {@code sendAsync} runs the blocking call on a daemon thread of this module (one per call in
 *       flight), so that token requests go through your client's proxy, TLS and pool settings.
 *   <li>{@link #create(CloseableHttpClient, CloseableHttpAsyncClient)}: yours for each; the async
 *       client must be started.
 *   <li>{@link #create(CloseableHttpAsyncClient)}: your async client for both; {@code send} waits
 *       for it (interruptibly).
 * </ul>
 *
 * <pre>{@code
 * CachingTokenProvider provider = OsOAuth2.builder(credentials)
 *     .transport(ApacheHttpTransport.create(httpClient, httpAsyncClient))
 *     .build();
 * }</pre>
 */
public final class ApacheHttpTransport implements HttpTransport, Closeable {
  private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);

  private final CloseableHttpClient classic; // null: async only
  private final CloseableHttpAsyncClient givenAsync; // the caller's, or null
  private final boolean ownsClients;
  private CloseableHttpAsyncClient ownAsync; // guarded by this; built on first use by create()
  private boolean closed; // guarded by this

  private ApacheHttpTransport(CloseableHttpClient classic, CloseableHttpAsyncClient givenAsync, boolean ownsClients) {
    this.classic = classic;
    this.givenAsync = givenAsync;
    this.ownsClients = ownsClients;
  }

  /**
   * A transport on clients of its own, with the SDK's defaults.
   *
   * @return the transport; {@link #close()} releases its clients
   */
  public static ApacheHttpTransport create() {
    return new ApacheHttpTransport(defaultClassicClient(), null, true);
  }

  /**
   * A transport on your classic client; {@code sendAsync} runs it on a daemon thread.
   *
   * @param client the client; not modified, not closed by this transport
   * @return the transport
   */
  public static ApacheHttpTransport create(CloseableHttpClient client) {
    return new ApacheHttpTransport(Objects.requireNonNull(client, "client"), null, false);
  }

  /**
   * A transport on your classic and async clients.
   *
   * @param client the classic client, for {@code send}; not modified, not closed by this transport
   * @param asyncClient the async client, for {@code sendAsync}; must be started; not modified, not
   *     closed by this transport
   * @return the transport
   */
  public static ApacheHttpTransport create(CloseableHttpClient client, CloseableHttpAsyncClient asyncClient) {
    return new ApacheHttpTransport(Objects.requireNonNull(client, "client"),
        Objects.requireNonNull(asyncClient, "asyncClient"), false);
  }

  /**
   * A transport on your async client only; {@code send} waits for its answer.
   *
   * @param asyncClient the async client; must be started; not modified, not closed by this transport
   * @return the transport
   */
  public static ApacheHttpTransport create(CloseableHttpAsyncClient asyncClient) {
    return new ApacheHttpTransport(null, Objects.requireNonNull(asyncClient, "asyncClient"), false);
  }

  @Override
  public TransportResponse send(TokenRequest request, Duration timeout) throws IOException {
    Objects.requireNonNull(request, "request");
    checkTimeout(timeout);
    if (classic == null) {
      return await(sendAsync(request, timeout));
    }
    return sendClassic(classicRequest(request, timeout), timeout);
  }

  /** The blocking exchange on the classic client; {@code post.cancel()} from another thread aborts it. */
  private TransportResponse sendClassic(HttpPost post, Duration timeout) throws IOException {
    if (ownsClients && isClosed()) {
      throw new IOException("this ApacheHttpTransport is closed");
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted before the token request was sent");
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline = schedule(() -> {
      timedOut.set(true);
      post.cancel();
    }, timeout);
    try {
      ClassicHttpResponse response = classic.executeOpen(null, post, null);
      HttpEntity entity = response.getEntity();
      if (entity == null) {
        response.close();
        return TransportResponse.of(response.getCode(), headers(response), new byte[0]);
      }
      return TransportResponse.read(response.getCode(), headers(response),
          new BoundedEntityStream(entity.getContent(), post::cancel));
    } catch (IOException e) {
      if (timedOut.get()) {
        throw timeout(timeout, e);
      }
      throw e;
    } catch (IllegalStateException e) {
      // What Apache throws for a client that was closed ("Connection pool shut down"): no answer either.
      throw new IOException("the HttpClient cannot send: " + e.getMessage(), e);
    } finally {
      deadline.cancel(false);
    }
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout) {
    Objects.requireNonNull(request, "request");
    checkTimeout(timeout);
    CloseableHttpAsyncClient client;
    try {
      client = asyncClient();
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    return client == null ? sendOnDaemonThread(request, timeout) : sendNative(client, request, timeout);
  }

  private CompletableFuture<TransportResponse> sendNative(CloseableHttpAsyncClient client, TokenRequest request,
      Duration timeout) {
    SimpleHttpRequest http = SimpleHttpRequest.create(Method.POST, request.endpoint());
    request.headers().forEach(http::addHeader);
    http.setBody(request.body(), ContentType.parse(request.contentType()));
    http.setConfig(requestConfig(null, timeout));
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    ExchangeAbort abort = new ExchangeAbort();
    Future<TransportResponse> exchange;
    try {
      exchange = client.execute(SimpleRequestProducer.create(http), new BoundedResponseConsumer(), null,
          abort.context(), new FutureCallback<TransportResponse>() {
            @Override
            public void completed(TransportResponse response) {
              result.complete(response);
            }

            @Override
            public void failed(Exception cause) {
              // Apache fails a request to a client that is not started (or already closed) this way.
              result.completeExceptionally(cause instanceof CancellationException
                  ? new IOException("the CloseableHttpAsyncClient is not running: start() it before use", cause)
                  : asIOException(cause));
            }

            @Override
            public void cancelled() {
              result.completeExceptionally(new InterruptedIOException("the token request was cancelled"));
            }
          });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(asIOException(e));
    }
    Runnable stop = () -> {
      exchange.cancel(true);
      abort.abort(); // Apache's cancel can miss the exchange; see ExchangeAbort
    };
    ScheduledFuture<?> deadline = schedule(() -> {
      if (result.completeExceptionally(timeout(timeout, null))) {
        stop.run();
      }
    }, timeout);
    result.whenComplete((response, error) -> {
      deadline.cancel(false);
      if (result.isCancelled()) {
        stop.run(); // the caller gave up: stop the exchange too
      }
    });
    return result;
  }

  private CompletableFuture<TransportResponse> sendOnDaemonThread(TokenRequest request, Duration timeout) {
    HttpPost post = classicRequest(request, timeout);
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    // The caller gave up: abort the blocking exchange, which drops its connection (or, not yet
    // started, makes it fail at once) instead of holding it until the timeout.
    result.whenComplete((response, error) -> {
      if (result.isCancelled()) {
        post.cancel();
      }
    });
    try {
      DaemonThreads.blocking().execute(() -> {
        try {
          result.complete(sendClassic(post, timeout));
        } catch (IOException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IOException("no thread to run the token request on", e));
    }
    return result;
  }

  private HttpPost classicRequest(TokenRequest request, Duration timeout) {
    HttpPost post = new HttpPost(request.endpoint());
    request.headers().forEach(post::addHeader);
    post.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
    post.setConfig(requestConfig(classic, timeout));
    return post;
  }

  /** The async client for sendAsync, or null when there is only a classic client. */
  private CloseableHttpAsyncClient asyncClient() throws IOException {
    if (givenAsync != null) {
      return givenAsync;
    }
    if (!ownsClients) {
      return null;
    }
    synchronized (this) { // guards a build and start() only; no I/O is done under it
      if (closed) {
        throw new IOException("this ApacheHttpTransport is closed");
      }
      if (ownAsync == null) {
        CloseableHttpAsyncClient client = defaultAsyncClient();
        client.start();
        ownAsync = client;
      }
      return ownAsync;
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Closes the clients this transport made for itself ({@link #create()}); clients passed in are
   * left to their owner.
   */
  @Override
  public void close() {
    if (!ownsClients) {
      return;
    }
    CloseableHttpAsyncClient async;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      async = ownAsync;
    }
    classic.close(CloseMode.GRACEFUL);
    if (async != null) {
      async.close(CloseMode.GRACEFUL);
    }
  }

  private static TransportResponse await(CompletableFuture<TransportResponse> answer) throws IOException {
    try {
      return answer.get();
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for the token response");
      interrupted.initCause(e);
      throw interrupted;
    } catch (ExecutionException e) {
      throw asIOException(e.getCause());
    }
  }

  /** Ours for redirects and timeouts; everything else as the classic client's defaults say, when it tells. */
  private static RequestConfig requestConfig(Object client, Duration timeout) {
    RequestConfig defaults = client instanceof Configurable ? ((Configurable) client).getConfig() : null;
    Timeout t = Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()));
    return (defaults != null ? RequestConfig.copy(defaults) : RequestConfig.custom())
        .setRedirectsEnabled(false)
        .setConnectionRequestTimeout(t)
        .setResponseTimeout(t)
        .build();
  }

  private static ScheduledFuture<?> schedule(Runnable task, Duration timeout) {
    return DaemonThreads.timer().schedule(task, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void checkTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  private static SocketTimeoutException timeout(Duration timeout, IOException cause) {
    SocketTimeoutException e = new SocketTimeoutException("no answer to the token request within " + timeout);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  private static IOException asIOException(Throwable e) {
    return e instanceof IOException ? (IOException) e : new IOException("the token request failed", e);
  }

  private static Map<String, List<String>> headers(HttpMessage message) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (Header h : message.getHeaders()) {
      map.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
    }
    return map;
  }

  private static CloseableHttpClient defaultClassicClient() {
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT).build())
            .build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableContentCompression()
        .build();
  }

  private static CloseableHttpAsyncClient defaultAsyncClient() {
    return HttpAsyncClients.custom()
        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT).build())
            .build())
        .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
        .setThreadFactory(new DefaultThreadFactory("os-oauth2-apache", true))
        .addExecInterceptorFirst("os-oauth2-exchange-abort", ExchangeAbort.HANDLER)
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .build();
  }

  @Override
  public String toString() {
    String mode = classic == null ? "async client" : givenAsync != null ? "classic and async clients"
        : ownsClients ? "own clients" : "classic client";
    return "ApacheHttpTransport[" + mode + "]";
  }
}
