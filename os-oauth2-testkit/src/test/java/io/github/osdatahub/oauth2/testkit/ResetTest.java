package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code reset()}: a fresh start on the same port, with the builder's settings back. */
class ResetTest {
  private final ManualTimeSource time = new ManualTimeSource();

  @Test
  void clearsCountsRecordsFaultsTokensAndRateWindows() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).rateLimitPerMinute(1).start()) {
      String token = RawHttp.fetchToken(hub);
      RawHttp.getWithToken(hub.namesUri("Ely"), token);
      hub.failNextTokenRequests(5, TokenFault.status(503));
      int port = hub.port();

      hub.reset();

      assertThat(hub.port()).isEqualTo(port);
      assertThat(hub.tokenRequestCount()).isZero();
      assertThat(hub.apiRequestCount()).isZero();
      assertThat(hub.tokenRequests()).isEmpty();
      assertThat(hub.apiRequests()).isEmpty();
      assertThat(hub.pendingTokenFaults()).isZero();
      // The token is forgotten: unknown, not expired.
      assertThat(RawHttp.getWithToken(hub.namesUri("Ely"), token).body()).isEqualTo(ProtectedApiTest.INVALID);
      // The rate window is empty again (the rejected request above did not count).
      assertThat(get(hub.namesUri("Ely"), "key", hub.key()).statusCode()).isEqualTo(200);
      assertThat(hub.apiRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void restoresTheKnobsTheBuilderSet() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).legacyResponses(true)
        .tokenLifetime(Duration.ofSeconds(100)).rateLimitPerMinute(2).deniedApis("/maps/").start()) {
      hub.legacyResponses(false);
      hub.tokenLifetime(Duration.ofSeconds(10));
      hub.noRateLimit();
      hub.deniedApis();
      hub.wwwAuthenticate(false);

      hub.reset();

      HttpResponse<String> token = RawHttp.send(RawHttp.tokenRequest(hub));
      assertThat(token.body()).contains("\"expires_in\":100,").contains("\"token_type\":\"BearerToken\"");
      assertThat(get(hub.rasterTileUri("Road_3857", 0, 0, 0), "key", hub.key()).statusCode()).isEqualTo(403);
      assertThat(get(hub.namesUri("Ely"), "key", hub.key()).statusCode()).isEqualTo(200);
      assertThat(get(hub.namesUri("Ely"), "key", hub.key()).statusCode()).isEqualTo(200);
      assertThat(get(hub.namesUri("Ely"), "key", hub.key()).statusCode()).isEqualTo(429);
      assertThat(RawHttp.getWithToken(hub.namesUri("Ely"), "unknown").headers().firstValue("WWW-Authenticate"))
          .isPresent();
    }
  }
}
