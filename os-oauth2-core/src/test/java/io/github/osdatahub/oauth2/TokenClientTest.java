package io.github.osdatahub.oauth2;

import static io.github.osdatahub.oauth2.RecordingTransport.after;
import static io.github.osdatahub.oauth2.RecordingTransport.answer;
import static io.github.osdatahub.oauth2.RecordingTransport.crash;
import static io.github.osdatahub.oauth2.RecordingTransport.fail;
import static io.github.osdatahub.oauth2.RecordingTransport.never;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The token exchange and its retry policy, on both paths, against a scripted transport and manual
 * time. Jitter is fixed at 0.5, so the n-th backoff is exactly half its bound: 125 ms, 250 ms, ...
 */
class TokenClientTest {
  static final ProjectCredentials CREDENTIALS = ProjectCredentials.of("project-key", "project-secret");
  static final URI ENDPOINT = URI.create("http://127.0.0.1:8080/oauth2/token/v1");
  static final String REAL =
      "{\"access_token\":\"ZclClFcksJlZ19vnJOt09Yj3xme0\",\"expires_in\":\"299\",\"issued_at\":\"1634663382476\","
          + "\"token_type\":\"Bearer\"}";

  final ManualTimeSource time = new ManualTimeSource();

  OsOAuth2.Builder client(RecordingTransport transport) {
    return OsOAuth2.builder(CREDENTIALS).endpoint(ENDPOINT).transport(transport)
        .jsonCodec(TestJsonCodec.create()).timeSource(time).random(() -> 0.5);
  }

  RecordingTransport script(RecordingTransport.Step... steps) {
    return new RecordingTransport(time, steps);
  }

  static OsOAuth2Exception failure(FetchPath path, TokenClient client, ManualTimeSource time) {
    return catchThrowableOfType(OsOAuth2Exception.class, () -> path.fetch(client, time));
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void realResponseGivesA299SecondTokenTimedFromTheSend(FetchPath path) {
    RecordingTransport t = script(after(Duration.ofSeconds(2), answer(200, REAL)));
    TokenClient client = client(t).buildClient();
    long wallAtSend = time.currentTimeMillis();
    long nanosAtSend = time.nanoTime();

    AccessToken token = path.fetch(client, time);

    assertThat(token.value()).isEqualTo("ZclClFcksJlZ19vnJOt09Yj3xme0");
    assertThat(token.authorizationHeader()).isEqualTo("Bearer ZclClFcksJlZ19vnJOt09Yj3xme0");
    assertThat(token.lifetime()).isEqualTo(Duration.ofSeconds(299));
    // The answer took 2 s; the expiry still counts from the send.
    assertThat(token.expiresAt()).isEqualTo(Instant.ofEpochMilli(wallAtSend).plusSeconds(299));
    assertThat(token.sentAtNanos()).isEqualTo(nanosAtSend);
    assertThat(token.issuedAt()).contains(Instant.ofEpochMilli(1634663382476L));
    assertThat(t.requests()).isEqualTo(1);
    assertThat(client.requestsSent()).isEqualTo(1);
    assertThat(t.sent().get(0).request).isSameAs(client.request());
    assertThat(t.sent().get(0).method).isEqualTo(path == FetchPath.SYNC ? "send" : "sendAsync");
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void legacyAnswerWithNumbersAndBearerToken(FetchPath path) {
    RecordingTransport t = script(answer(200,
        "{\"access_token\":\"abc\",\"expires_in\":299,\"issued_at\":1634663382476,\"token_type\":\"BearerToken\"}"));
    AccessToken token = path.fetch(client(t).buildClient(), time);
    assertThat(token.lifetime()).isEqualTo(Duration.ofSeconds(299));
    assertThat(token.authorizationHeader()).isEqualTo("Bearer abc");
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void serverErrorThenSuccessTakesExactlyTwoRequests(FetchPath path) {
    RecordingTransport t = script(answer(503, ""), answer(200, REAL));
    TokenClient client = client(t).buildClient();

    AccessToken token = path.fetch(client, time);

    assertThat(token.value()).isEqualTo("ZclClFcksJlZ19vnJOt09Yj3xme0");
    assertThat(t.requests()).isEqualTo(2);
    assertThat(client.requestsSent()).isEqualTo(2);
    assertThat(t.gaps()).containsExactly(Duration.ofMillis(125)); // 0.5 x the 250 ms first bound
    if (path == FetchPath.SYNC) {
      assertThat(time.sleeps()).containsExactly(Duration.ofMillis(125));
    } else {
      assertThat(time.sleeps()).isEmpty(); // the async path never blocks a thread
    }
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void retryAfterSecondsIsWaited(FetchPath path) {
    RecordingTransport t = script(answer(503, "", "Retry-After", "1"), answer(200, REAL));
    path.fetch(client(t).buildClient(), time);
    assertThat(t.requests()).isEqualTo(2);
    assertThat(t.gaps()).containsExactly(Duration.ofSeconds(1));
    if (path == FetchPath.SYNC) {
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    }
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void retryAfterHttpDateIsWaitedByTheWallClock(FetchPath path) {
    String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.ofEpochMilli(time.currentTimeMillis()).plusSeconds(3).atOffset(ZoneOffset.UTC));
    RecordingTransport t = script(answer(429, "", "Retry-After", inThreeSeconds), answer(200, REAL));
    path.fetch(client(t).buildClient(), time);
    assertThat(t.requests()).isEqualTo(2);
    assertThat(t.gaps()).containsExactly(Duration.ofSeconds(3));
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void retryAfterShorterThanTheBackoffDrawWaitsTheDraw(FetchPath path) {
    RecordingTransport t = script(answer(503, "", "Retry-After", "0"), answer(200, REAL));
    path.fetch(client(t).buildClient(), time);
    assertThat(t.gaps()).containsExactly(Duration.ofMillis(125));
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void retryAfterOverTheCapStopsAndReportsIt(FetchPath path) {
    RecordingTransport t = script(answer(429, "{\"ErrorCode\":\"too_many\",\"Error\":\"slow down\"}",
        "Retry-After", "120"), answer(200, REAL));
    TokenClient client = client(t).buildClient();

    RateLimitedException e = (RateLimitedException) failure(path, client, time);

    assertThat(t.requests()).isEqualTo(1);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.errorCode()).contains("too_many");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(e.getMessage()).contains("slow down").contains("Retry-After 120 s").contains("30 s");
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void rateLimitedThenSuccess(FetchPath path) {
    RecordingTransport t = script(answer(429, ""), answer(200, REAL));
    path.fetch(client(t).buildClient(), time);
    assertThat(t.requests()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void rateLimitedForEverEndsAsRateLimited(FetchPath path) {
    RecordingTransport t = script(answer(429, "", "Retry-After", "2"));
    RateLimitedException e = (RateLimitedException) failure(path, client(t).buildClient(), time);
    assertThat(t.requests()).isEqualTo(3);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(e.getMessage()).contains("gave up after 3 attempts");
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void credentialsRejectedAfterExactlyOneRequest(FetchPath path) {
    RecordingTransport t = script(
        answer(401, "{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid\"}"),
        answer(200, REAL));
    TokenClient client = client(t).buildClient();

    OsOAuth2Exception e = failure(path, client, time);

    assertThat(e).isInstanceOf(CredentialsRejectedException.class);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.errorCode()).contains("invalid_client");
    assertThat(e.getMessage()).contains("Client credentials are invalid");
    assertThat(t.requests()).isEqualTo(1);
    assertThat(client.requestsSent()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void endlessServerErrorStopsAfterThreeRequestsWithDoublingBackoff(FetchPath path) {
    RecordingTransport t = script(answer(500, "{\"ErrorCode\":\"boom\",\"Error\":\"Internal\"}"));
    TokenClient client = client(t).buildClient();

    OsOAuth2Exception e = failure(path, client, time);

    assertThat(e).isInstanceOf(ServerErrorException.class);
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.errorCode()).contains("boom");
    assertThat(e.getMessage()).contains("gave up after 3 attempts");
    assertThat(t.requests()).isEqualTo(3);
    assertThat(client.requestsSent()).isEqualTo(3);
    assertThat(t.gaps()).containsExactly(Duration.ofMillis(125), Duration.ofMillis(250));
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void backoffBoundDoublesUpToMaxBackoff(FetchPath path) {
    RecordingTransport t = script(answer(502, ""));
    TokenClient client = client(t).maxAttempts(5).retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2))
        .random(() -> 0.99).buildClient();
    failure(path, client, time);
    assertThat(t.gaps()).containsExactly(Duration.ofMillis(990), Duration.ofMillis(1980), Duration.ofMillis(1980),
        Duration.ofMillis(1980));
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void fullJitterMayRetryAtOnce(FetchPath path) {
    RecordingTransport t = script(answer(503, ""), answer(200, REAL));
    path.fetch(client(t).random(() -> 0.0).buildClient(), time);
    assertThat(t.gaps()).containsExactly(Duration.ZERO);
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void clientErrorsAreNeverRetried(FetchPath path) {
    for (int status : new int[] {400, 403, 404, 405, 409, 418}) {
      RecordingTransport t = script(answer(status, "{\"ErrorCode\":\"nope\",\"Error\":\"no\"}"), answer(200, REAL));
      OsOAuth2Exception e = failure(path, client(t).buildClient(), time);
      assertThat(e).as("status %d", status).isInstanceOf(RequestRejectedException.class);
      assertThat(e.status()).isEqualTo(status);
      assertThat(t.requests()).as("status %d", status).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void malformedSuccessIsNotRetried(FetchPath path) {
    RecordingTransport t = script(answer(200, "{\"access_token\":\"abc\",\"expires_in\":\"soon\"}"), answer(200, REAL));
    OsOAuth2Exception e = failure(path, client(t).buildClient(), time);
    assertThat(e).isInstanceOf(MalformedResponseException.class);
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.getMessage()).contains("expires_in").contains("not a number");
    assertThat(t.requests()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void oversizedSuccessIsMalformedWithoutRetry(FetchPath path) {
    byte[] big = new byte[TokenRequest.MAX_RESPONSE_BYTES + 100];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    RecordingTransport t = script(answer(io.github.osdatahub.oauth2.spi.TransportResponse.of(200, null, big)));
    OsOAuth2Exception e = failure(path, client(t).buildClient(), time);
    assertThat(e).isInstanceOf(MalformedResponseException.class);
    assertThat(e.getMessage()).contains("over 64 KiB");
    assertThat(t.requests()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void transportFailureIsRetried(FetchPath path) {
    RecordingTransport t = script(fail(new ConnectException("Connection refused")), answer(200, REAL));
    path.fetch(client(t).buildClient(), time);
    assertThat(t.requests()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void endlessTransportFailureEndsAsTransportFailureWithItsCause(FetchPath path) {
    IOException reset = new IOException("Connection reset");
    RecordingTransport t = script(fail(reset));
    OsOAuth2Exception e = failure(path, client(t).buildClient(), time);
    assertThat(e).isInstanceOf(TransportFailureException.class);
    assertThat(e.status()).isEqualTo(OsOAuth2Exception.NO_STATUS);
    assertThat(e.getCause()).isSameAs(reset);
    assertThat(e.getMessage()).contains("IOException: Connection reset").contains("gave up after 3 attempts");
    assertThat(t.requests()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void aTransportBugIsReportedNotRetried(FetchPath path) {
    IllegalStateException bug = new IllegalStateException("closed");
    RecordingTransport t = script(crash(bug), answer(200, REAL));
    OsOAuth2Exception e = failure(path, client(t).buildClient(), time);
    assertThat(e).isInstanceOf(TransportFailureException.class);
    assertThat(e.getCause()).isSameAs(bug);
    assertThat(t.requests()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void aServerThatNeverAnswersFailsWithinTheDeadline(FetchPath path) {
    RecordingTransport t = script(never());
    TokenClient client = client(t).deadline(Duration.ofSeconds(15)).buildClient(); // attempt timeout 10 s
    long start = time.nanoTime();

    OsOAuth2Exception e = failure(path, client, time);

    assertThat(e).isInstanceOf(TransportFailureException.class);
    assertThat(Duration.ofNanos(time.nanoTime() - start)).isEqualTo(Duration.ofSeconds(15));
    // 10 s, 125 ms backoff, then only the 4.875 s left; no third attempt fits.
    assertThat(t.timeouts()).containsExactly(Duration.ofSeconds(10), Duration.ofMillis(4875));
    assertThat(t.requests()).isEqualTo(2);
    assertThat(e.getMessage()).contains("deadline");
    if (path == FetchPath.ASYNC) {
      assertThat(t.unanswered()).hasSize(2).allMatch(CompletableFuture::isCancelled);
      assertThat(e.getMessage()).contains("within 4875 ms");
    }
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void noRetryStartsThatCannotFitTheDeadline(FetchPath path) {
    RecordingTransport t = script(answer(503, "", "Retry-After", "20"), answer(200, REAL));
    OsOAuth2Exception e = failure(path, client(t).deadline(Duration.ofSeconds(15)).buildClient(), time);
    assertThat(e).isInstanceOf(ServerErrorException.class);
    assertThat(e.getMessage()).contains("15 s deadline leaves no time for another");
    assertThat(t.requests()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void maxAttemptsOfOneNeverRetries(FetchPath path) {
    RecordingTransport t = script(answer(503, ""), answer(200, REAL));
    OsOAuth2Exception e = failure(path, client(t).maxAttempts(1).buildClient(), time);
    assertThat(e).isInstanceOf(ServerErrorException.class);
    assertThat(e.getMessage()).contains("gave up after 1 attempt");
    assertThat(t.requests()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void aRetryThatMeetsANonRetryableFailureSaysHowManyAttempts(FetchPath path) {
    RecordingTransport t = script(answer(503, ""), answer(401, ""));
    OsOAuth2Exception e = failure(path, client(t).buildClient(), time);
    assertThat(e).isInstanceOf(CredentialsRejectedException.class);
    assertThat(e.getMessage()).contains("after 2 attempts");
    assertThat(t.requests()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void requestsSentCountsAcrossFetches(FetchPath path) {
    RecordingTransport t = script(answer(503, ""), answer(200, REAL), answer(200, REAL));
    TokenClient client = client(t).buildClient();
    path.fetch(client, time);
    path.fetch(client, time);
    assertThat(client.requestsSent()).isEqualTo(3);
    assertThat(t.requests()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(FetchPath.class)
  void eachAttemptGetsTheAttemptTimeoutWhileTimeIsLeft(FetchPath path) {
    RecordingTransport t = script(answer(503, ""), answer(503, ""), answer(200, REAL));
    path.fetch(client(t).attemptTimeout(Duration.ofSeconds(4)).buildClient(), time);
    assertThat(t.timeouts()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4));
  }

  @org.junit.jupiter.api.Test
  void cancellingTheAsyncFetchCancelsTheRequestAndStopsRetrying() {
    RecordingTransport t = script(never());
    CompletableFuture<AccessToken> f = client(t).buildClient().fetchAsync();
    time.advance(Duration.ofSeconds(1));
    f.cancel(true);
    time.advance(Duration.ofSeconds(60));
    assertThat(t.requests()).isEqualTo(1);
    assertThat(t.unanswered()).hasSize(1).allMatch(CompletableFuture::isCancelled);
  }

  @org.junit.jupiter.api.Test
  void theAsyncPathReturnsBeforeTheAnswerAndRetriesOnTheTimer() {
    RecordingTransport t = script(after(Duration.ofSeconds(1), answer(503, "")), answer(200, REAL));
    CompletableFuture<AccessToken> f = client(t).buildClient().fetchAsync();
    assertThat(f).isNotDone();
    time.advance(Duration.ofSeconds(1));
    assertThat(f).isNotDone();
    assertThat(t.requests()).isEqualTo(1);
    time.advance(Duration.ofMillis(125));
    assertThat(f).isCompleted();
    assertThat(t.requests()).isEqualTo(2);
    assertThat(t.sent()).extracting(s -> s.method).containsOnly("sendAsync");
  }

  @org.junit.jupiter.api.Test
  void asyncFailureIsTheTypedExceptionItself() {
    RecordingTransport t = script(answer(401, ""));
    CompletableFuture<AccessToken> f = client(t).buildClient().fetchAsync();
    assertThat(f).isCompletedExceptionally();
    Throwable e = f.handle((token, error) -> error).join();
    assertThat(e).isInstanceOf(CredentialsRejectedException.class);
  }

  @org.junit.jupiter.api.Test
  void anInterruptDuringTheRequestEndsTheSyncFetchAndKeepsTheFlag() {
    RecordingTransport t = script(RecordingTransport.interruptThen(fail(new java.io.InterruptedIOException("interrupted"))),
        answer(200, REAL));
    try {
      assertThatThrownBy(() -> client(t).buildClient().fetch())
          .isInstanceOf(TokenUnavailableException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(t.requests()).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }

  @org.junit.jupiter.api.Test
  void anInterruptDuringTheBackoffEndsTheSyncFetchWithTheLastFailureAsCause() {
    InterruptibleTime interruptible = new InterruptibleTime(time);
    RecordingTransport t = script(RecordingTransport.interruptThen(answer(503, "{\"ErrorCode\":\"down\"}")),
        answer(200, REAL));
    try {
      TokenUnavailableException e = catchThrowableOfType(TokenUnavailableException.class,
          () -> client(t).timeSource(interruptible).buildClient().fetch());
      assertThat(e.getMessage()).contains("interrupted").contains("HTTP 503 down");
      assertThat(e.getCause()).isInstanceOf(ServerErrorException.class);
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.errorCode()).contains("down");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(t.requests()).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }

  @org.junit.jupiter.api.Test
  void anAlreadyInterruptedThreadSendsNothing() {
    RecordingTransport t = script(answer(200, REAL));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> client(t).buildClient().fetch()).isInstanceOf(TokenUnavailableException.class);
      assertThat(t.requests()).isZero();
    } finally {
      Thread.interrupted();
    }
  }

  @org.junit.jupiter.api.Test
  void toStringNamesTheEndpointAndParts() {
    TokenClient client = client(script(answer(200, REAL))).buildClient();
    assertThat(client.toString()).contains(ENDPOINT.toString()).contains("RecordingTransport")
        .doesNotContain("project-secret");
  }

  /** Manual time whose sleep honours interrupts, as the system one does. */
  static final class InterruptibleTime implements TimeSource {
    private final ManualTimeSource time;

    InterruptibleTime(ManualTimeSource time) {
      this.time = time;
    }

    @Override
    public long nanoTime() {
      return time.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
      return time.currentTimeMillis();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
      return time.schedule(task, delayNanos);
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      time.sleep(nanos);
    }
  }
}
