package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Does one token exchange: sends the {@link TokenRequest}, maps failures ({@link ErrorMapping}) and
 * retries as {@link RetryPolicy} decides. No cache: {@link CachingTokenProvider} holds the token.
 */
final class TokenClient {
  private final TokenRequest request;
  private final HttpTransport transport;
  private final JsonCodec codec;
  private final TimeSource time;
  private final RetryPolicy policy;
  private final Redaction redaction;
  private final LongAdder requestsSent = new LongAdder();

  TokenClient(OsOAuth2.Builder b) {
    this.request = TokenRequest.create(b.credentials, b.endpoint, b.credentialEncoding);
    this.transport = b.transport != null ? b.transport : Discovery.transport(b.executorOrShared());
    this.codec = b.codec != null ? b.codec : Discovery.jsonCodec();
    this.time = b.time;
    this.policy = new RetryPolicy(b);
    this.redaction = Redaction.of(request);
  }

  // Without blocking: each attempt also has a timer of its own, so a transport that never answers
  // still ends within the deadline. Cancelling the future stops the retries and the request in flight.
  public CompletableFuture<AccessToken> fetchAsync() {
    Exchange result = new Exchange();
    attemptAsync(result, time.nanoTime(), 1);
    return result;
  }

  // Cancelling the fetch and starting an attempt hold its monitor, so once cancel() has returned no
  // further request reaches the transport. No I/O under it: sendAsync only hands the request over.
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
        timeout = Duration.ofNanos(policy.timeoutNanos(sentNanos - start));
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
            ? new Settled(null, ErrorMapping.noAnswer(error, redaction)) : settle(answer, sentWall, sentNanos));
      });
    } catch (RuntimeException e) {
      result.completeExceptionally(unexpected(e));
    }
  }

  private void afterAttempt(Exchange result, long start, int attempt, Settled settled) {
    try {
      if (settled.token != null) {
        result.complete(settled.token);
        // After completing: the caller never waits for the logging backend to start (in a fresh JVM, tens of ms).
        Log.LOGGER.log(System.Logger.Level.DEBUG, () -> "token fetched (request " + attempt + "), lifetime "
            + settled.token.lifetime().toSeconds() + " s");
        return;
      }
      RetryPolicy.Decision decision = policy.decide(settled.failure, attempt, time.nanoTime() - start);
      Log.LOGGER.log(System.Logger.Level.DEBUG, () -> "token request " + attempt + " failed (" + settled.failure.summary()
          + "); " + (decision.retry() ? "retrying in " + TimeUnit.NANOSECONDS.toMillis(decision.delayNanos()) + " ms"
              : decision.stopReason().isEmpty() ? "not retried" : decision.stopReason()));
      if (!decision.retry()) {
        result.completeExceptionally(settled.failure.toException(decision.stopReason()));
        return;
      }
      time.schedule(() -> attemptAsync(result, start, attempt + 1), decision.delayNanos());
    } catch (RuntimeException e) {
      result.completeExceptionally(unexpected(e));
    }
  }

  private Settled settle(TransportResponse answer, long sentWall, long sentNanos) {
    if (answer == null) {
      return new Settled(null, ErrorMapping.noAnswer(new IllegalStateException("the transport returned null"),
          redaction));
    }
    int status = answer.status();
    if (status < 200 || status >= 300) {
      return new Settled(null, ErrorMapping.answer(answer, request, codec, redaction, time.currentTimeMillis()));
    }
    if (answer.truncated()) {
      return new Settled(null, ErrorMapping.oversized(status));
    }
    try {
      TokenResponse parsed = TokenResponse.parse(answer.body(), codec);
      Duration lifetime = parsed.expiresIn();
      // Deadlines count from when the request was sent: the token may have been issued any time after.
      return new Settled(new AccessToken(parsed.accessToken(), lifetime, Instant.ofEpochMilli(sentWall).plus(lifetime),
          sentNanos, parsed.issuedAt().orElse(null)), null);
    } catch (MalformedResponseException e) {
      return new Settled(null, ErrorMapping.malformed(status, e.getMessage()));
    }
  }

  private static TokenUnavailableException unexpected(RuntimeException e) {
    return new TokenUnavailableException("the token fetch failed unexpectedly: " + e.getClass().getSimpleName(), e);
  }

  private record Settled(AccessToken token, AttemptFailure failure) {}

  /** Made on first use, not when a provider is built. */
  private static final class Log {
    static final System.Logger LOGGER = System.getLogger("io.github.osdatahub.oauth2");
  }

  public TokenRequest request() {
    return request;
  }

  void closeTransport() {
    transport.close();
  }

  public long requestsSent() {
    return requestsSent.sum();
  }

  @Override
  public String toString() {
    return "TokenClient[" + request.endpoint() + ", transport=" + transport.getClass().getSimpleName()
        + ", json=" + codec.getClass().getSimpleName() + "]";
  }
}
