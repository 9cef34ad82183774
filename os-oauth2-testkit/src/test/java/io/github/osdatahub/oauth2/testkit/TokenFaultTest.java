package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.send;
import static io.github.osdatahub.oauth2.testkit.RawHttp.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults queued for the next token requests, each used exactly once. */
class TokenFaultTest {
  static final String ANSWER = TokenEndpointTest.TOKEN_ANSWER;

  private final FakeOsDataHub hub = FakeOsDataHub.start();

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void aStatusFaultIsUsedExactlyNTimesWithItsBodyAndHeaders() {
    String body = "{\"fault\":{\"faultstring\":\"The Service is temporarily unavailable\"}}";
    hub.failNextTokenRequests(2, TokenFault.status(503, body).withHeader("Retry-After", "1"));
    assertThat(hub.pendingTokenFaults()).isEqualTo(2);

    HttpResponse<String> first = send(tokenRequest(hub));
    HttpResponse<String> second = send(tokenRequest(hub));
    HttpResponse<String> third = send(tokenRequest(hub));

    for (HttpResponse<String> failed : List.of(first, second)) {
      assertThat(failed.statusCode()).isEqualTo(503);
      assertThat(failed.body()).isEqualTo(body);
      assertThat(failed.headers().firstValue("Retry-After")).contains("1");
      assertThat(failed.headers().firstValue("Content-Type")).contains("application/json");
    }
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(third.body()).matches(ANSWER);
    assertThat(hub.pendingTokenFaults()).isZero();
    assertThat(hub.tokenRequestCount()).isEqualTo(3);
  }

  @Test
  void faultsApplyWhateverTheRequestAndOnlyToTokenRequests() {
    hub.failNextTokenRequests(1, TokenFault.status(500));

    assertThat(RawHttp.get(hub.namesUri("Ely"), "key", hub.key()).statusCode()).isEqualTo(200);
    HttpResponse<String> wrongMethod = RawHttp.get(hub.tokenUri());

    assertThat(wrongMethod.statusCode()).isEqualTo(500);
    assertThat(wrongMethod.body()).isEmpty();
    assertThat(send(tokenRequest(hub)).statusCode()).isEqualTo(200);
  }

  @Test
  void queuedFaultsRunInOrder() {
    hub.failNextTokenRequests(1, TokenFault.status(429, "{}").withHeader("Retry-After", "7"));
    hub.failNextTokenRequests(1, TokenFault.body(200, "not json").withHeader("Content-Type", "text/plain"));

    HttpResponse<String> limited = send(tokenRequest(hub));
    HttpResponse<String> malformed = send(tokenRequest(hub));

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("7");
    assertThat(malformed.statusCode()).isEqualTo(200);
    assertThat(malformed.body()).isEqualTo("not json");
    assertThat(malformed.headers().firstValue("Content-Type")).contains("text/plain");
    assertThat(send(tokenRequest(hub)).body()).matches(ANSWER);
    assertThat(hub.tokenRequestCount()).isEqualTo(3);
  }

  @Test
  void aMalformedBodyIsSentAsGiven() {
    hub.failNextTokenRequests(1, TokenFault.body(200, "{\"access_token\":"));

    HttpResponse<String> response = send(tokenRequest(hub));

    assertThat(response.body()).isEqualTo("{\"access_token\":");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
  }

  @Test
  void aDelayOutlastsTheClientsTimeoutThenTheHubAnswersAsUsual() {
    hub.failNextTokenRequests(1, TokenFault.delay(Duration.ofSeconds(30)));

    assertThatThrownBy(() -> send(tokenRequest(hub).timeout(Duration.ofMillis(200))))
        .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(HttpTimeoutException.class);
    assertThat(send(tokenRequest(hub)).body()).matches(ANSWER);
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void aShortDelayStillAnswersWithAToken() {
    hub.failNextTokenRequests(1, TokenFault.delay(Duration.ofMillis(50)));

    assertThat(send(tokenRequest(hub)).body()).matches(ANSWER);
    assertThat(hub.pendingTokenFaults()).isZero();
  }

  @Test
  void aDroppedConnectionGivesTheClientNoAnswer() {
    hub.failNextTokenRequests(1, TokenFault.dropConnection());

    assertThatThrownBy(() -> send(tokenRequest(hub))).isInstanceOf(UncheckedIOException.class);
    assertThat(send(tokenRequest(hub)).statusCode()).isEqualTo(200);
    // The POST was not retried by the client: one dropped, one answered.
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void anOversizedBodyHasTheExactLengthAndIsAValidTokenAnswerWhenReadWhole() {
    hub.failNextTokenRequests(1, TokenFault.oversizedBody(70_000));

    HttpResponse<String> response = send(tokenRequest(hub));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(70_000);
    assertThat(response.body().getBytes(StandardCharsets.UTF_8)).hasSize(70_000);
    assertThat(response.body()).startsWith("{\"access_token\":\"").endsWith("xxx\"}")
        .contains("\"token_type\":\"Bearer\",\"padding\":\"xxx");
    String token = RawHttp.accessToken(response.body());
    assertThat(RawHttp.getWithToken(hub.namesUri("Ely"), token).statusCode()).isEqualTo(200);
  }

  @Test
  void aClientMayStopReadingAHugeBodyAndTheHubCarriesOn() throws IOException, InterruptedException {
    hub.failNextTokenRequests(1, TokenFault.oversizedBody(50_000_000));

    HttpResponse<InputStream> response =
        RawHttp.CLIENT.send(tokenRequest(hub).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(50_000_000);
      assertThat(body.readNBytes(64 * 1024)).hasSize(64 * 1024);
    }

    assertThat(send(tokenRequest(hub)).body()).matches(ANSWER);
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void faultsAreValidatedWhenMade() {
    assertThatThrownBy(() -> TokenFault.status(99)).hasMessageContaining("status");
    assertThatThrownBy(() -> TokenFault.status(600, "")).hasMessageContaining("status");
    assertThatThrownBy(() -> TokenFault.delay(Duration.ZERO)).hasMessageContaining("delay");
    assertThatThrownBy(() -> TokenFault.oversizedBody(100)).hasMessageContaining("oversizedBody");
    assertThatThrownBy(() -> TokenFault.dropConnection().withHeader("Retry-After", "1"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TokenFault.delay(Duration.ofSeconds(1)).withHeader("Retry-After", "1"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TokenFault.status(503).withHeader("X", "a\r\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.failNextTokenRequests(0, TokenFault.status(503)))
        .hasMessageContaining("count");
    assertThat(TokenFault.status(503, "{}").withHeader("Retry-After", "1").toString())
        .isEqualTo("TokenFault[503, 2 chars, headers=[Retry-After]]");
  }

  @Test
  void resetDropsQueuedFaults() {
    hub.failNextTokenRequests(3, TokenFault.status(503));

    hub.reset();

    assertThat(hub.pendingTokenFaults()).isZero();
    assertThat(send(tokenRequest(hub)).statusCode()).isEqualTo(200);
  }
}
