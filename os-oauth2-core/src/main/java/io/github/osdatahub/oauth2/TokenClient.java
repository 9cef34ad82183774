package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.internal.AttemptFailure;
import io.github.osdatahub.oauth2.internal.Discovery;
import io.github.osdatahub.oauth2.internal.ErrorMapping;
import io.github.osdatahub.oauth2.internal.Redaction;
import io.github.osdatahub.oauth2.internal.RetryPolicy;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Does one token exchange: sends the {@link TokenRequest}, maps errors to typed exceptions and
 * retries what is worth retrying. No cache: use {@link CachingTokenProvider} (or {@link OsOAuth2})
 * to hold and renew the token.
 *
 * <p>Retry policy: 5xx, 429 and transport failures are retried with exponential backoff and full
 * jitter (honouring {@code Retry-After}, in seconds or as an HTTP date, capped), at most
 * {@link Builder#maxAttempts(int) 3 attempts} within an {@link Builder#deadline(Duration) overall
 * deadline} of 30 s; 400, 401 and 403 are never retried. Each attempt may take 10 s.
 *
 * <pre>{@code
 * TokenClient client = TokenClient.builder(ProjectCredentials.fromEnvironment())
 *     .transport(JdkHttpTransport.create())
 *     .jsonCodec(JacksonJsonCodec.create())
 *     .build();
 * AccessToken token = client.fetch();
 * }</pre>
 */
public final class TokenClient {
  /** Retries at DEBUG; never headers, bodies beyond a masked excerpt, secrets or tokens. */
  private static final System.Logger LOG = System.getLogger("io.github.osdatahub.oauth2");

  private final TokenRequest request;
  private final HttpTransport transport;
  private final JsonCodec codec;
  private final TimeSource time;
  private final int maxAttempts;
  private final Duration deadline;
  private final Duration attemptTimeout;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final RetryPolicy policy;
  private final Redaction redaction;
  private final LongAdder requestsSent = new LongAdder();

  private TokenClient(Builder b) {
    this.request = TokenRequest.create(b.credentials, b.endpoint, b.credentialEncoding);
    this.transport = b.transport != null ? b.transport : Discovery.transport();
    this.codec = b.codec != null ? b.codec : Discovery.jsonCodec();
    this.time = b.time;
    this.maxAttempts = b.maxAttempts;
    this.deadline = b.deadline;
    this.attemptTimeout = b.attemptTimeout;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.policy = new RetryPolicy(maxAttempts, deadline, attemptTimeout, initialBackoff, maxBackoff, maxRetryAfter,
        b.random);
    this.redaction = Redaction.of(request);
  }

  /**
   * A client with the transport and JSON codec found on the class path or module path.
   *
   * @param credentials the project's key and secret
   * @return the client
   * @throws IllegalStateException naming the artifacts to add when no transport or codec is found
   */
  public static TokenClient create(ProjectCredentials credentials) {
    return builder(credentials).build();
  }

  /**
   * A builder; what it is given wins over discovery.
   *
   * @param credentials the project's key and secret
   * @return the builder
   */
  public static Builder builder(ProjectCredentials credentials) {
    return new Builder(credentials);
  }

  /**
   * Gets a new token, retrying as the policy allows, on the calling thread.
   *
   * <p>An interrupt of the calling thread, while a request is out or between attempts, ends the
   * fetch at once with a {@link TokenUnavailableException} (whose cause is the last failure, if
   * any) and leaves the thread's interrupt flag set. This path relies on the transport to honour
   * each attempt's timeout, as the {@link HttpTransport} contract requires.
   *
   * @return the token; its expiry counts from when the successful request was sent
   * @throws OsOAuth2Exception the typed failure of the last attempt
   */
  public AccessToken fetch() {
    long start = time.nanoTime();
    AttemptFailure failure = null;
    for (int attempt = 1; ; attempt++) {
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(failure, null);
      }
      long sentWall = time.currentTimeMillis();
      long sentNanos = time.nanoTime();
      Duration timeout = Duration.ofNanos(policy.attemptTimeoutNanos(sentNanos - start));
      requestsSent.increment();
      Settled settled;
      try {
        settled = settle(transport.send(request, timeout), sentWall, sentNanos);
      } catch (IOException | RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted(failure, e);
        }
        settled = new Settled(null, ErrorMapping.noAnswer(e, redaction));
      }
      if (settled.token != null) {
        return succeeded(settled.token, attempt);
      }
      failure = settled.failure;
      RetryPolicy.Decision decision = decide(failure, attempt, start);
      if (!decision.retry()) {
        throw failure.toException(decision.stopReason());
      }
      try {
        time.sleep(decision.delayNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(failure, e);
      }
    }
  }

  /**
   * Gets a new token without blocking the calling thread: the transport's own asynchronous path,
   * backoff waits on the {@link TimeSource} timer.
   *
   * <p>Each attempt is also bounded by a timer of the client's own, so a transport that never
   * completes its future still ends within the deadline. Cancelling the returned future stops the
   * retries and cancels the request in flight.
   *
   * @return a future of the token, completed exceptionally with an {@link OsOAuth2Exception}
   */
  public CompletableFuture<AccessToken> fetchAsync() {
    Exchange result = new Exchange();
    attemptAsync(result, time.nanoTime(), 1);
    return result;
  }

  /**
   * The future of one fetch. Cancelling it and starting an attempt hold its monitor, so once
   * {@code cancel} has returned no further request is handed to the transport (a retry's timer may
   * have fired just before). No I/O happens under the monitor: {@code sendAsync} only hands over.
   */
  private static final class Exchange extends CompletableFuture<AccessToken> {
    @Override
    public synchronized boolean cancel(boolean mayInterruptIfRunning) {
      return super.cancel(mayInterruptIfRunning);
    }
  }

  private void attemptAsync(Exchange result, long start, int attempt) {
    try {
      long sentWall;
      long sentNanos;
      Duration timeout;
      CompletableFuture<TransportResponse> sent;
      synchronized (result) {
        if (result.isDone()) {
          return; // cancelled by the caller
        }
        sentWall = time.currentTimeMillis();
        sentNanos = time.nanoTime();
        timeout = Duration.ofNanos(policy.attemptTimeoutNanos(sentNanos - start));
        requestsSent.increment();
        try {
          sent = Objects.requireNonNull(transport.sendAsync(request, timeout), "the transport returned no future");
        } catch (RuntimeException e) {
          sent = CompletableFuture.failedFuture(e);
        }
      }
      CompletableFuture<TransportResponse> inFlight = sent;
      AtomicBoolean over = new AtomicBoolean();
      TimeSource.Cancellable guard = time.schedule(() -> {
        if (over.compareAndSet(false, true)) {
          inFlight.cancel(true);
          afterAttempt(result, start, attempt, new Settled(null, ErrorMapping.timedOut(timeout)));
        }
      }, timeout.toNanos());
      result.whenComplete((token, error) -> {
        if (result.isCancelled()) {
          inFlight.cancel(true);
        }
      });
      inFlight.whenComplete((answer, error) -> {
        if (!over.compareAndSet(false, true)) {
          return;
        }
        guard.cancel();
        afterAttempt(result, start, attempt, error != null
            ? new Settled(null, ErrorMapping.noAnswer(error, redaction))
            : settle(answer, sentWall, sentNanos));
      });
    } catch (RuntimeException e) {
      result.completeExceptionally(unexpected(e));
    }
  }

  /** Completes the fetch or schedules the next attempt. */
  private void afterAttempt(Exchange result, long start, int attempt, Settled settled) {
    try {
      if (settled.token != null) {
        result.complete(succeeded(settled.token, attempt));
        return;
      }
      RetryPolicy.Decision decision = decide(settled.failure, attempt, start);
      if (!decision.retry()) {
        result.completeExceptionally(settled.failure.toException(decision.stopReason()));
        return;
      }
      time.schedule(() -> attemptAsync(result, start, attempt + 1), decision.delayNanos());
    } catch (RuntimeException e) {
      result.completeExceptionally(unexpected(e));
    }
  }

  /** Reads one answer into a token or a failure. */
  private Settled settle(TransportResponse answer, long sentWall, long sentNanos) {
    if (answer == null) {
      return new Settled(null, ErrorMapping.noAnswer(new IllegalStateException("the transport returned null"),
          redaction));
    }
    int status = answer.status();
    if (!ErrorMapping.isSuccess(status)) {
      return new Settled(null, ErrorMapping.answer(answer, request, codec, redaction, time.currentTimeMillis()));
    }
    if (answer.truncated()) {
      return new Settled(null, ErrorMapping.oversized(status));
    }
    TokenResponse parsed;
    try {
      parsed = TokenResponse.parse(answer.body(), codec);
    } catch (MalformedResponseException e) {
      return new Settled(null, ErrorMapping.malformed(status, e.getMessage()));
    }
    Duration lifetime = parsed.expiresIn();
    // Deadlines count from when the request was sent: the token may have been issued any time after.
    return new Settled(new AccessToken(parsed.accessToken(), lifetime, Instant.ofEpochMilli(sentWall).plus(lifetime),
        sentNanos, parsed.issuedAt().orElse(null)), null);
  }

  private RetryPolicy.Decision decide(AttemptFailure failure, int attempt, long start) {
    RetryPolicy.Decision decision = policy.decide(failure, attempt, time.nanoTime() - start);
    if (decision.retry()) {
      LOG.log(System.Logger.Level.DEBUG, () -> "token request " + attempt + " failed (" + failure.summary()
          + "); retrying in " + TimeUnit.NANOSECONDS.toMillis(decision.delayNanos()) + " ms");
    } else {
      LOG.log(System.Logger.Level.DEBUG, () -> "token request " + attempt + " failed (" + failure.summary()
          + "); " + (decision.stopReason().isEmpty() ? "not retried" : decision.stopReason()));
    }
    return decision;
  }

  private static AccessToken succeeded(AccessToken token, int attempt) {
    LOG.log(System.Logger.Level.DEBUG, () -> "token fetched (request " + attempt + "), lifetime "
        + token.lifetime().toSeconds() + " s");
    return token;
  }

  private TokenUnavailableException interrupted(AttemptFailure last, Throwable interrupt) {
    if (last == null) {
      return new TokenUnavailableException("interrupted while fetching a token", OsOAuth2Exception.NO_STATUS, null,
          ErrorMapping.safeCause(interrupt, redaction));
    }
    OsOAuth2Exception cause = last.toException(null);
    return new TokenUnavailableException("interrupted while fetching a token; the last attempt: " + last.summary(),
        cause.status(), cause.errorCode().orElse(null), cause);
  }

  private static TokenUnavailableException unexpected(RuntimeException e) {
    return new TokenUnavailableException("the token fetch failed unexpectedly: " + e.getClass().getSimpleName(),
        OsOAuth2Exception.NO_STATUS, null, e);
  }

  /** One attempt's outcome: a token, or the failure for the retry policy. */
  private static final class Settled {
    final AccessToken token;
    final AttemptFailure failure;

    Settled(AccessToken token, AttemptFailure failure) {
      this.token = token;
      this.failure = failure;
    }
  }

  /**
   * The request this client sends.
   *
   * @return the request
   */
  public TokenRequest request() {
    return request;
  }

  /**
   * HTTP requests sent so far, retries included.
   *
   * @return the count
   */
  public long requestsSent() {
    return requestsSent.sum();
  }

  /** The time source, shared with a cache built on this client. */
  TimeSource timeSource() {
    return time;
  }

  @Override
  public String toString() {
    return "TokenClient[" + request.endpoint() + ", transport=" + transport.getClass().getSimpleName()
        + ", json=" + codec.getClass().getSimpleName() + "]";
  }

  /** Configures a {@link TokenClient}; validates each setting as it is given. */
  public static final class Builder {
    private final ProjectCredentials credentials;
    private URI endpoint = TokenRequest.DEFAULT_ENDPOINT;
    private CredentialEncoding credentialEncoding = CredentialEncoding.RFC6749;
    private HttpTransport transport;
    private JsonCodec codec;
    private TimeSource time = TimeSource.system();
    private int maxAttempts = 3;
    private Duration deadline = Duration.ofSeconds(30);
    private Duration attemptTimeout = Duration.ofSeconds(10);
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder(ProjectCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * The token endpoint; default {@code https://api.os.uk/oauth2/token/v1}.
     *
     * @param endpoint https, or http to a loopback host
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      TokenRequest.checkEndpoint(endpoint);
      this.endpoint = endpoint;
      return this;
    }

    /**
     * How the key and secret go in the Basic header; default {@link CredentialEncoding#RFC6749}
     * (form-urlencoded first, as RFC 6749 §2.3.1 says). For OS's letters-and-digits credentials
     * both encodings send the same bytes.
     *
     * @param encoding {@link CredentialEncoding#RAW} for a gateway that does not decode
     * @return this builder
     * @throws IllegalArgumentException when the encoding cannot carry the key (RAW and a key with
     *     {@code :})
     */
    public Builder credentialEncoding(CredentialEncoding encoding) {
      Objects.requireNonNull(encoding, "credentialEncoding").checkKey(credentials.key());
      this.credentialEncoding = encoding;
      return this;
    }

    /**
     * The HTTP transport; default: discovered.
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The JSON codec; default: discovered.
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder jsonCodec(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "jsonCodec");
      return this;
    }

    /**
     * The clocks and timer; default {@link TimeSource#system()}.
     *
     * @param time the time source
     * @return this builder
     */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "timeSource");
      return this;
    }

    /**
     * Most HTTP requests per fetch, the first included; default 3.
     *
     * @param maxAttempts 1 to 10
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 10, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The most one fetch may take, retries and waits included; default 30 s.
     *
     * @param deadline positive
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive("deadline", deadline);
      return this;
    }

    /**
     * The most one HTTP request may take; default 10 s.
     *
     * @param attemptTimeout positive
     * @return this builder
     */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = positive("attemptTimeout", attemptTimeout);
      return this;
    }

    /**
     * The first backoff's upper bound (full jitter draws from zero to it, doubling each retry);
     * default 250 ms.
     *
     * @param initialBackoff positive
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive("initialBackoff", initialBackoff);
      return this;
    }

    /**
     * The largest backoff bound; default 5 s.
     *
     * @param maxBackoff positive
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive("maxBackoff", maxBackoff);
      return this;
    }

    /**
     * The longest {@code Retry-After} honoured; a longer one ends the retries. Default 30 s.
     *
     * @param maxRetryAfter positive
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = positive("maxRetryAfter", maxRetryAfter);
      return this;
    }

    /** For tests: the source of backoff jitter, values in [0, 1). */
    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Builds the client, discovering the transport and codec if none was given.
     *
     * @return the client
     * @throws IllegalStateException naming the artifacts to add when discovery finds nothing
     */
    public TokenClient build() {
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException("initialBackoff (" + initialBackoff + ") must not exceed maxBackoff ("
            + maxBackoff + ")");
      }
      return new TokenClient(this);
    }

    static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
