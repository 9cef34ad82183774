package io.github.osdatahub.oauth2.jdk;

import io.github.osdatahub.oauth2.TokenAuthorizer;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@link HttpClient} that puts OS Data Hub access tokens on its requests: pass it wherever an
 * {@code HttpClient} is expected. It delegates to an {@code HttpClient} of yours and adds to
 * {@code send} and {@code sendAsync} (which never blocks the calling thread):
 *
 * <ul>
 *   <li>{@code Authorization: Bearer <token>} on each request and redirect hop the {@link TokenScope}
 *       permits; a request with your own {@code Authorization} is sent as given, and that header
 *       never follows a redirect to another origin (as JDK 25 does and JDK 17 does not);
 *   <li>core's {@link TokenAuthorizer} rule on a 401: invalidate the token the request carried and
 *       retry once if the provider has another; 403, 429 and every other status are returned as
 *       they are;
 *   <li>when no token can be had, an {@link IOException} whose cause is the provider's exception.
 * </ul>
 * Redirects are followed here, hop by hop, when your client follows them, so a retried or
 * redirected request sends its body again: use a publisher that can be subscribed more than once.
 * The module README has the details (redirect policy, the bounded 401 body, timeouts).
 *
 * <pre>{@code
 * HttpClient client = OsDataHubHttpClient.create(provider, HttpClient.newHttpClient());
 * }</pre>
 */
public final class OsDataHubHttpClient extends HttpClient {
  private final TokenAuthorizer authorizer;
  private final HttpClient delegate;
  private final NonFollowingClient direct;

  private OsDataHubHttpClient(TokenAuthorizer authorizer, HttpClient delegate) {
    this.authorizer = authorizer;
    this.delegate = Objects.requireNonNull(delegate, "client");
    this.direct = new NonFollowingClient(delegate);
  }

  /**
   * A client on a new default {@code HttpClient} (connect timeout 5 s, redirects not followed),
   * for {@link TokenScope#defaults()}.
   *
   * @param provider where tokens come from
   * @return the client
   */
  public static OsDataHubHttpClient create(TokenProvider provider) {
    return create(provider, HttpClient.newBuilder().connectTimeout(JdkHttpTransport.DEFAULT_CONNECT_TIMEOUT).build());
  }

  /**
   * A client on your {@code HttpClient}, for {@link TokenScope#defaults()}. Your client is used,
   * never changed.
   *
   * @param provider where tokens come from
   * @param client the client to delegate to
   * @return the client
   */
  public static OsDataHubHttpClient create(TokenProvider provider, HttpClient client) {
    return create(provider, client, TokenScope.defaults());
  }

  /**
   * A client on your {@code HttpClient} that sends tokens where {@code scope} permits.
   *
   * <pre>{@code
   * HttpClient client = OsDataHubHttpClient.create(provider, HttpClient.newHttpClient(), fakeHub.tokenScope());
   * }</pre>
   *
   * @param provider where tokens come from
   * @param client the client to delegate to
   * @param scope where tokens may be sent
   * @return the client
   */
  public static OsDataHubHttpClient create(TokenProvider provider, HttpClient client, TokenScope scope) {
    return new OsDataHubHttpClient(TokenAuthorizer.create(provider, scope), client);
  }

  /**
   * The client every call is delegated to.
   *
   * @return the client given at creation (or the default one)
   */
  public HttpClient delegate() {
    return delegate;
  }

  /**
   * Where tokens may be sent.
   *
   * @return the scope
   */
  public TokenScope tokenScope() {
    return authorizer.scope();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) throws IOException, InterruptedException {
    Objects.requireNonNull(handler, "handler");
    if (!ours(request)) {
      return delegate.send(request, handler);
    }
    CompletableFuture<HttpResponse<T>> call = run(AuthorizedExchange.Blocking.INSTANCE, request, handler, null);
    try {
      return call.get();
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler) {
    Objects.requireNonNull(handler, "handler");
    if (!ours(request)) {
      return delegate.sendAsync(request, handler);
    }
    return run(AuthorizedExchange.Async.INSTANCE, request, handler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler,
      PushPromiseHandler<T> pushPromiseHandler) {
    Objects.requireNonNull(handler, "handler");
    if (!ours(request)) {
      return delegate.sendAsync(request, handler, pushPromiseHandler);
    }
    return run(AuthorizedExchange.Async.INSTANCE, request, handler, pushPromiseHandler);
  }

  /**
   * Whether the wrapper sends this request itself rather than handing it to your client: a request
   * in scope (for the token), or one carrying your own {@code Authorization} that your client would
   * redirect (JDK 17 forwards that header to any host a redirect names; we drop it across origins).
   */
  private boolean ours(HttpRequest request) {
    return hasAuthorization(request) ? delegate.followRedirects() != Redirect.NEVER : authorizer.permits(request.uri());
  }

  private <T> CompletableFuture<HttpResponse<T>> run(AuthorizedExchange.Io io, HttpRequest request,
      BodyHandler<T> handler, PushPromiseHandler<T> push) {
    AuthorizedExchange<T> exchange = new AuthorizedExchange<>(authorizer, direct.get(), delegate.followRedirects(), io,
        handler, push);
    return hasAuthorization(request) ? exchange.runAsGiven(request) : exchange.run(request);
  }

  private static boolean hasAuthorization(HttpRequest request) {
    return request.headers().firstValue("Authorization").isPresent();
  }

  /** A failure of the blocking chain, thrown as {@code send} declares. */
  private static IOException rethrown(Throwable failure) throws InterruptedException {
    Throwable f = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (f instanceof IOException) {
      return (IOException) f;
    }
    if (f instanceof InterruptedException) {
      throw (InterruptedException) f;
    }
    if (f instanceof RuntimeException) {
      throw (RuntimeException) f;
    }
    if (f instanceof Error) {
      throw (Error) f;
    }
    return new IOException(f);
  }

  // ---- delegated as they are

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  /**
   * Your client's WebSocket builder. WebSocket handshakes get no token.
   *
   * @return the delegate's builder
   */
  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  // ---- the lifecycle methods of JDK 21 and later: declared here so they override there

  /**
   * Starts an orderly shutdown of your client (and of the non-following copy, if one was made). On
   * JDK 21 and later this overrides {@code HttpClient.shutdown()}; on earlier JDKs it does nothing.
   */
  public void shutdown() {
    direct.lifecycle("shutdown");
  }

  /**
   * Shuts your client (and the copy) down at once. JDK 21 and later; nothing on earlier JDKs.
   */
  public void shutdownNow() {
    direct.lifecycle("shutdownNow");
  }

  /**
   * Waits for your client (and the copy) to terminate. JDK 21 and later; on earlier JDKs returns
   * at once.
   *
   * @param duration the longest to wait
   * @return true when terminated (always true before JDK 21, where clients have no lifecycle)
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitTermination(Duration duration) throws InterruptedException {
    return direct.awaitTermination(duration);
  }

  /**
   * Whether your client (and the copy) have terminated. JDK 21 and later; false on earlier JDKs.
   *
   * @return true when terminated
   */
  public boolean isTerminated() {
    return direct.isTerminated();
  }

  /**
   * Closes your client (and the copy), waiting for exchanges in flight. JDK 21 and later; nothing
   * on earlier JDKs. The token provider is not closed: it may serve other clients.
   */
  public void close() {
    direct.lifecycle("close");
  }

  @Override
  public String toString() {
    return "OsDataHubHttpClient[" + authorizer.scope() + ", delegate=" + delegate + "]";
  }
}
