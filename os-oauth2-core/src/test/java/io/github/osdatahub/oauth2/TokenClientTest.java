package io.github.osdatahub.oauth2;

import static io.github.osdatahub.oauth2.RecordingTransport.after;
import static io.github.osdatahub.oauth2.RecordingTransport.answer;
import static io.github.osdatahub.oauth2.RecordingTransport.crash;
import static io.github.osdatahub.oauth2.RecordingTransport.fail;
import static io.github.osdatahub.oauth2.RecordingTransport.never;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The token exchange ({@code fetchAsync}, its only path) and its retry policy, against a scripted
 * transport and manual time. Jitter is fixed at 0.5, so the n-th backoff is exactly half its bound:
 * 125 ms, 250 ms, ...
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

  OsOAuth2Exception failure(TokenClient client) {
    return catchThrowableOfType(OsOAuth2Exception.class, () -> AsyncFetch.run(client, time));
  }

  @Test
  void realResponseGivesA299SecondTokenTimedFromTheSend() {
    RecordingTransport t = script(after(Duration.ofSeconds(2), answer(200, REAL)));
    TokenClient client = client(t).buildClient();
    long wallAtSend = time.currentTimeMillis();
    long nanosAtSend = time.nanoTime();

    AccessToken token = AsyncFetch.run(client, time);

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
    assertThat(t.sent().get(0).method).isEqualTo("sendAsync");
  }

  @Test
  void legacyAnswerWithNumbersAndBearerToken() {
    RecordingTransport t = script(answer(200,
        "{\"access_token\":\"abc\",\"expires_in\":299,\"issued_at\":1634663382476,\"token_type\":\"BearerToken\"}"));
    AccessToken token = AsyncFetch.run(client(t).buildClient(), time);
    assertThat(token.lifetime()).isEqualTo(Duration.ofSeconds(299));
    assertThat(token.authorizationHeader()).isEqualTo("Bearer abc");
  }

  @Test
  void serverErrorThenSuccessTakesExactlyTwoRequests() {
    RecordingTransport t = script(answer(503, ""), answer(200, REAL));
    TokenClient client = client(t).buildClient();

    AccessToken token = AsyncFetch.run(client, time);

    assertThat(token.value()).isEqualTo("ZclClFcksJlZ19vnJOt09Yj3xme0");
    assertThat(t.requests()).isEqualTo(2);
    assertThat(client.requestsSent()).isEqualTo(2);
    assertThat(t.gaps()).containsExactly(Duration.ofMillis(125)); // 0.5 x the 250 ms first bound
    assertThat(time.sleeps()).isEmpty(); // no thread is blocked: the retry waits on the timer
  }

  @Test
  void retryAfterSecondsIsWaited() {
    RecordingTransport t = script(answer(503, "", "Retry-After", "1"), answer(200, REAL));
    AsyncFetch.run(client(t).buildClient(), time);
    assertThat(t.requests()).isEqualTo(2);
    assertThat(t.gaps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void retryAfterHttpDateIsWaitedByTheWallClock() {
    String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.ofEpochMilli(time.currentTimeMillis()).plusSeconds(3).atOffset(ZoneOffset.UTC));
    RecordingTransport t = script(answer(429, "", "Retry-After", inThreeSeconds), answer(200, REAL));
    AsyncFetch.run(client(t).buildClient(), time);
    assertThat(t.requests()).isEqualTo(2);
    assertThat(t.gaps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterShorterThanTheBackoffDrawWaitsTheDraw() {
    RecordingTransport t = script(answer(503, "", "Retry-After", "0"), answer(200, REAL));
    AsyncFetch.run(client(t).buildClient(), time);
    assertThat(t.gaps()).containsExactly(Duration.ofMillis(125));
  }

  @Test
  void retryAfterOverTheCapStopsAndReportsIt() {
    RecordingTransport t = script(answer(429, "{\"ErrorCode\":\"too_many\",\"Error\":\"slow down\"}",
        "Retry-After", "120"), answer(200, REAL));
    TokenClient client = client(t).buildClient();

    RateLimitedException e = (RateLimitedException) failure(client);

    assertThat(t.requests()).isEqualTo(1);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.errorCode()).contains("too_many");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(e.getMessage()).contains("slow down").contains("Retry-After 120 s").contains("30 s");
  }

  @Test
  void rateLimitedThenSuccess() {
    RecordingTransport t = script(answer(429, ""), answer(200, REAL));
    AsyncFetch.run(client(t).buildClient(), time);
    assertThat(t.requests()).isEqualTo(2);
  }

  @Test
  void rateLimitedForEverEndsAsRateLimited() {
    RecordingTransport t = script(answer(429, "", "Retry-After", "2"));
    RateLimitedException e = (RateLimitedException) failure(client(t).buildClient());
    assertThat(t.requests()).isEqualTo(3);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(e.getMessage()).contains("gave up after 3 attempts");
  }

  @Test
  void credentialsRejectedAfterExactlyOneRequest() {
    RecordingTransport t = script(
        answer(401, "{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid\"}"),
        answer(200, REAL));
    TokenClient client = client(t).buildClient();

    OsOAuth2Exception e = failure(client);

    assertThat(e).isInstanceOf(CredentialsRejectedException.class);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.errorCode()).contains("invalid_client");
    assertThat(e.getMessage()).contains("Client credentials are invalid");
    assertThat(t.requests()).isEqualTo(1);
    assertThat(client.requestsSent()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void endlessServerErrorStopsAfterThreeRequestsWithDoublingBackoff() {
    RecordingTransport t = script(answer(500, "{\"ErrorCode\":\"boom\",\"Error\":\"Internal\"}"));
    TokenClient client = client(t).buildClient();

    OsOAuth2Exception e = failure(client);

    assertThat(e).isInstanceOf(ServerErrorException.class);
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.errorCode()).contains("boom");
    assertThat(e.getMessage()).contains("gave up after 3 attempts");
    assertThat(t.requests()).isEqualTo(3);
    assertThat(client.requestsSent()).isEqualTo(3);
    assertThat(t.gaps()).containsExactly(Duration.ofMillis(125), Duration.ofMillis(250));
  }

  @Test
  void backoffBoundDoublesUpToMaxBackoff() {
    RecordingTransport t = script(answer(502, ""));
    TokenClient client = client(t).maxAttempts(5).retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2))
        .random(() -> 0.99).buildClient();
    failure(client);
    assertThat(t.gaps()).containsExactly(Duration.ofMillis(990), Duration.ofMillis(1980), Duration.ofMillis(1980),
        Duration.ofMillis(1980));
  }

  @Test
  void fullJitterMayRetryAtOnce() {
    RecordingTransport t = script(answer(503, ""), answer(200, REAL));
    AsyncFetch.run(client(t).random(() -> 0.0).buildClient(), time);
    assertThat(t.gaps()).containsExactly(Duration.ZERO);
  }

  @Test
  void clientErrorsAreNeverRetried() {
    for (int status : new int[] {400, 403, 404, 405, 409, 418}) {
      RecordingTransport t = script(answer(status, "{\"ErrorCode\":\"nope\",\"Error\":\"no\"}"), answer(200, REAL));
      OsOAuth2Exception e = failure(client(t).buildClient());
      assertThat(e).as("status %d", status).isInstanceOf(RequestRejectedException.class);
      assertThat(e.status()).isEqualTo(status);
      assertThat(t.requests()).as("status %d", status).isEqualTo(1);
    }
  }

  @Test
  void malformedSuccessIsNotRetried() {
    RecordingTransport t = script(answer(200, "{\"access_token\":\"abc\",\"expires_in\":\"soon\"}"), answer(200, REAL));
    OsOAuth2Exception e = failure(client(t).buildClient());
    assertThat(e).isInstanceOf(MalformedResponseException.class);
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.getMessage()).contains("expires_in").contains("not a number");
    assertThat(t.requests()).isEqualTo(1);
  }

  @Test
  void oversizedSuccessIsMalformedWithoutRetry() {
    byte[] big = new byte[TokenRequest.MAX_RESPONSE_BYTES + 100];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    RecordingTransport t = script(answer(io.github.osdatahub.oauth2.spi.TransportResponse.of(200, null, big)));
    OsOAuth2Exception e = failure(client(t).buildClient());
    assertThat(e).isInstanceOf(MalformedResponseException.class);
    assertThat(e.getMessage()).contains("over 64 KiB");
    assertThat(t.requests()).isEqualTo(1);
  }

  @Test
  void transportFailureIsRetried() {
    RecordingTransport t = script(fail(new ConnectException("Connection refused")), answer(200, REAL));
    AsyncFetch.run(client(t).buildClient(), time);
    assertThat(t.requests()).isEqualTo(2);
  }

  @Test
  void endlessTransportFailureEndsAsTransportFailureWithItsCause() {
    IOException reset = new IOException("Connection reset");
    RecordingTransport t = script(fail(reset));
    OsOAuth2Exception e = failure(client(t).buildClient());
    assertThat(e).isInstanceOf(TransportFailureException.class);
    assertThat(e.status()).isEqualTo(OsOAuth2Exception.NO_STATUS);
    assertThat(e.getCause()).isSameAs(reset);
    assertThat(e.getMessage()).contains("IOException: Connection reset").contains("gave up after 3 attempts");
    assertThat(t.requests()).isEqualTo(3);
  }

  @Test
  void aTransportBugIsReportedNotRetried() {
    IllegalStateException bug = new IllegalStateException("closed");
    RecordingTransport t = script(crash(bug), answer(200, REAL));
    OsOAuth2Exception e = failure(client(t).buildClient());
    assertThat(e).isInstanceOf(TransportFailureException.class);
    assertThat(e.getCause()).isSameAs(bug);
    assertThat(t.requests()).isEqualTo(1);
  }

  @Test
  void aServerThatNeverAnswersFailsWithinTheDeadline() {
    RecordingTransport t = script(never());
    TokenClient client = client(t).deadline(Duration.ofSeconds(15)).buildClient(); // attempt timeout 10 s
    long start = time.nanoTime();

    OsOAuth2Exception e = failure(client);

    assertThat(e).isInstanceOf(TransportFailureException.class);
    assertThat(Duration.ofNanos(time.nanoTime() - start)).isEqualTo(Duration.ofSeconds(15));
    // 10 s, 125 ms backoff, then only the 4.875 s left; no third attempt fits.
    assertThat(t.timeouts()).containsExactly(Duration.ofSeconds(10), Duration.ofMillis(4875));
    assertThat(t.requests()).isEqualTo(2);
    assertThat(e.getMessage()).contains("deadline");
    assertThat(t.unanswered()).hasSize(2).allMatch(CompletableFuture::isCancelled);
    assertThat(e.getMessage()).contains("within 4875 ms");
  }

  @Test
  void noRetryStartsThatCannotFitTheDeadline() {
    RecordingTransport t = script(answer(503, "", "Retry-After", "20"), answer(200, REAL));
    OsOAuth2Exception e = failure(client(t).deadline(Duration.ofSeconds(15)).buildClient());
    assertThat(e).isInstanceOf(ServerErrorException.class);
    assertThat(e.getMessage()).contains("15 s deadline leaves no time for another");
    assertThat(t.requests()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void maxAttemptsOfOneNeverRetries() {
    RecordingTransport t = script(answer(503, ""), answer(200, REAL));
    OsOAuth2Exception e = failure(client(t).maxAttempts(1).buildClient());
    assertThat(e).isInstanceOf(ServerErrorException.class);
    assertThat(e.getMessage()).contains("gave up after 1 attempt");
    assertThat(t.requests()).isEqualTo(1);
  }

  @Test
  void aRetryThatMeetsANonRetryableFailureSaysHowManyAttempts() {
    RecordingTransport t = script(answer(503, ""), answer(401, ""));
    OsOAuth2Exception e = failure(client(t).buildClient());
    assertThat(e).isInstanceOf(CredentialsRejectedException.class);
    assertThat(e.getMessage()).contains("after 2 attempts");
    assertThat(t.requests()).isEqualTo(2);
  }

  @Test
  void requestsSentCountsAcrossFetches() {
    RecordingTransport t = script(answer(503, ""), answer(200, REAL), answer(200, REAL));
    TokenClient client = client(t).buildClient();
    AsyncFetch.run(client, time);
    AsyncFetch.run(client, time);
    assertThat(client.requestsSent()).isEqualTo(3);
    assertThat(t.requests()).isEqualTo(3);
  }

  @Test
  void eachAttemptGetsTheAttemptTimeoutWhileTimeIsLeft() {
    RecordingTransport t = script(answer(503, ""), answer(503, ""), answer(200, REAL));
    AsyncFetch.run(client(t).attemptTimeout(Duration.ofSeconds(4)).buildClient(), time);
    assertThat(t.timeouts()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4));
  }

  @Test
  void cancellingTheAsyncFetchCancelsTheRequestAndStopsRetrying() {
    RecordingTransport t = script(never());
    CompletableFuture<AccessToken> f = client(t).buildClient().fetchAsync();
    time.advance(Duration.ofSeconds(1));
    f.cancel(true);
    time.advance(Duration.ofSeconds(60));
    assertThat(t.requests()).isEqualTo(1);
    assertThat(t.unanswered()).hasSize(1).allMatch(CompletableFuture::isCancelled);
  }

  @Test
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

  @Test
  void asyncFailureIsTheTypedExceptionItself() {
    RecordingTransport t = script(answer(401, ""));
    CompletableFuture<AccessToken> f = client(t).buildClient().fetchAsync();
    assertThat(f).isCompletedExceptionally();
    Throwable e = f.handle((token, error) -> error).join();
    assertThat(e).isInstanceOf(CredentialsRejectedException.class);
  }

  @Test
  void toStringNamesTheEndpointAndParts() {
    TokenClient client = client(script(answer(200, REAL))).buildClient();
    assertThat(client.toString()).contains(ENDPOINT.toString()).contains("RecordingTransport")
        .doesNotContain("project-secret");
  }
}
