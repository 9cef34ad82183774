package io.github.osdatahub.oauth2.okhttp;

import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.okhttp.internal.TokenCallDispatcher;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The token request over OkHttp: an {@link HttpTransport} for OkHttp 4.12 and 5.x.
 *
 * <p>{@link #create()} makes its own client: connect timeout 5 s, redirects off, and
 * {@code retryOnConnectionFailure(false)}, because the core owns retries (with
 * backoff and a request count it can report) and a transport must not resend on its own.
 * {@link #create(OkHttpClient)} uses the application's client, so token requests share its
 * connection pool, proxy, TLS and DNS settings and its interceptors; the client itself is never
 * changed. The copy the transport uses differs in four ways: redirects off, no
 * {@link Authenticator} (the token request carries its own Basic credentials), a dispatcher of its
 * own for {@link #sendAsync} (so a token request never queues behind API calls waiting for that
 * token), and the call timeout given to each request.
 *
 * <p>The response body is read up to {@link TokenRequest#MAX_RESPONSE_BYTES} plus one byte. A longer
 * one is cut there and its call cancelled, which closes the connection: OkHttp would otherwise drain
 * the rest for up to 100 ms on close to reuse the connection, which over a fast link is megabytes.
 *
 * <pre>{@code
 * CachingTokenProvider provider = OsOAuth2.builder(credentials)
 *     .transport(OkHttpTransport.create(okHttpClient))
 *     .build();
 * }</pre>
 */
public final class OkHttpTransport implements HttpTransport {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final OkHttpClient client;
  private final boolean ownsPool;

  private OkHttpTransport(OkHttpClient client, boolean ownsPool) {
    this.client = client;
    this.ownsPool = ownsPool;
  }

  /**
   * A transport on a client of its own with the SDK's defaults: connect timeout 5 s, redirects off,
   * no retry on connection failure.
   *
   * @return the transport
   */
  public static OkHttpTransport create() {
    return new OkHttpTransport(new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .dispatcher(TokenCallDispatcher.create())
        .build(), true);
  }

  /**
   * A transport on a copy of the application's client ({@link OkHttpClient#newBuilder()}), which
   * shares its connection pool. The given client is not changed. Its timeouts, proxy, TLS, DNS,
   * interceptors and {@code retryOnConnectionFailure} setting apply; redirects are off, its
   * {@link Authenticator} is not used, and each request's call timeout is the one the core asks for.
   *
   * @param client the application's client
   * @return the transport
   */
  public static OkHttpTransport create(OkHttpClient client) {
    Objects.requireNonNull(client, "client");
    return new OkHttpTransport(client.newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .authenticator(Authenticator.NONE)
        .dispatcher(TokenCallDispatcher.create())
        .build(), false);
  }

  /**
   * Cancels the token calls under way (the dispatcher is the transport's own) and, for a transport
   * from {@link #create()}, evicts its connection pool; an application's pool is left alone.
   */
  @Override
  public void close() {
    client.dispatcher().cancelAll();
    if (ownsPool) {
      client.connectionPool().evictAll();
    }
  }

  @Override
  public TransportResponse send(TokenRequest request, Duration timeout) throws IOException {
    Call call = newCall(request, timeout);
    if (Thread.currentThread().isInterrupted()) {
      // A blocking socket read does not notice an interrupt, so do not start one.
      throw new InterruptedIOException("interrupted before the token request was sent");
    }
    try (Response response = call.execute()) {
      return read(call, response);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted() && !(e instanceof InterruptedIOException)) {
        InterruptedIOException interrupted = new InterruptedIOException("interrupted during the token request");
        interrupted.initCause(e);
        throw interrupted;
      }
      throw e;
    }
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout) {
    Call call;
    try {
      call = newCall(request, timeout);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
    answer.whenComplete((response, error) -> {
      if (answer.isCancelled()) {
        call.cancel();
      }
    });
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call failed, IOException e) {
        answer.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call done, Response response) {
        try (response) {
          answer.complete(read(done, response));
        } catch (IOException | RuntimeException e) {
          answer.completeExceptionally(e);
        }
      }
    });
    return answer;
  }

  private Call newCall(TokenRequest request, Duration timeout) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    Request.Builder http = new Request.Builder()
        .url(request.endpoint().toString())
        .method(request.method(), RequestBody.create(request.body(), MediaType.get(request.contentType())));
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      // The body's media type sets Content-Type; OkHttp would overwrite a second one anyway.
      if (!header.getKey().equalsIgnoreCase("Content-Type")) {
        http.header(header.getKey(), header.getValue());
      }
    }
    Call call = client.newCall(http.build());
    // A per-call deadline on the shared client: cheaper than a client copy per request.
    call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return call;
  }

  private static TransportResponse read(Call call, Response response) throws IOException {
    ResponseBody body = response.body();
    byte[] bytes = body == null ? new byte[0] : body.byteStream().readNBytes(TokenRequest.MAX_RESPONSE_BYTES + 1);
    if (bytes.length > TokenRequest.MAX_RESPONSE_BYTES) {
      // Closing the body now would drain the rest (OkHttp reads for up to 100 ms to keep the
      // connection); cancelling first closes the socket, so the close that follows reads nothing.
      call.cancel();
    }
    // Cuts the bound's extra byte and flags the answer truncated.
    return TransportResponse.of(response.code(), response.headers().toMultimap(), bytes);
  }

  @Override
  public String toString() {
    return "OkHttpTransport";
  }
}
