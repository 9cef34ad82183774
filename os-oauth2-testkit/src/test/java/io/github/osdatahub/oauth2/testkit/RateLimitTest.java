package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-minute limit per API, on the fake's clock. */
class RateLimitTest {
  static final String QUOTA_FAULT = "{\"fault\":{\"faultstring\":\"Rate limit quota violation. Quota limit exceeded."
      + " Identifier : _default\",\"detail\":{\"errorcode\":\"policies.ratelimit.QuotaViolation\"}}}";

  private final ManualTimeSource time = new ManualTimeSource();

  /** Sends {@code count} keyed requests and returns how many were answered 200. */
  private static int okCount(FakeOsDataHub hub, URI uri, int count) {
    int ok = 0;
    for (int i = 0; i < count; i++) {
      if (get(uri, "key", hub.key()).statusCode() == 200) {
        ok++;
      }
    }
    return ok;
  }

  @Test
  void developmentModeAllows50PerMinuteThen429UntilTheMinutePasses() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).developmentMode().start()) {
      URI names = hub.namesUri("Kendal");
      assertThat(okCount(hub, names, 50)).isEqualTo(50);

      time.advance(Duration.ofSeconds(59));
      HttpResponse<String> limited = get(names, "key", hub.key());

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.body()).isEqualTo(QUOTA_FAULT);
      assertThat(limited.headers().firstValue("Retry-After")).contains("1");
      time.advance(Duration.ofSeconds(1));
      assertThat(get(names, "key", hub.key()).statusCode()).isEqualTo(200);
      assertThat(hub.apiRequestCount()).isEqualTo(52);
    }
  }

  @Test
  void liveModeIsTheDefaultAt600PerMinute() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).start()) {
      URI tile = hub.rasterTileUri("Road_3857", 7, 63, 42);

      assertThat(okCount(hub, tile, 601)).isEqualTo(600);
      assertThat(get(tile, "key", hub.key()).headers().firstValue("Retry-After")).contains("60");
      assertThat(hub.apiRequestCount()).isEqualTo(602);
    }
  }

  @Test
  void bearerTokenRequestsCountToo() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).rateLimitPerMinute(2).start()) {
      String token = RawHttp.fetchToken(hub);
      URI names = hub.namesUri("Ripon");

      assertThat(RawHttp.getWithToken(names, token).statusCode()).isEqualTo(200);
      assertThat(RawHttp.getWithToken(names, token).statusCode()).isEqualTo(200);
      assertThat(RawHttp.getWithToken(names, token).statusCode()).isEqualTo(429);
      assertThat(RawHttp.fetchToken(hub)).hasSize(28); // the token endpoint is not limited
    }
  }

  @Test
  void eachApiHasItsOwnWindow() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).rateLimitPerMinute(3).start()) {
      assertThat(okCount(hub, hub.namesUri("Ely"), 4)).isEqualTo(3);
      assertThat(okCount(hub, hub.rasterTileUri("Road_3857", 7, 1, 1), 4)).isEqualTo(3);
      // Different tiles are the same API.
      assertThat(okCount(hub, hub.rasterTileUri("Outdoor_3857", 8, 2, 2), 1)).isZero();
    }
  }

  @Test
  void theWindowSlides() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).rateLimitPerMinute(3).start()) {
      URI names = hub.namesUri("Ely");
      assertThat(okCount(hub, names, 2)).isEqualTo(2);         // t = 0
      time.advance(Duration.ofSeconds(30));
      assertThat(okCount(hub, names, 2)).isEqualTo(1);         // t = 30: one slot left
      assertThat(get(names, "key", hub.key()).headers().firstValue("Retry-After")).contains("30");
      time.advance(Duration.ofSeconds(30));
      assertThat(okCount(hub, names, 3)).isEqualTo(2);         // t = 60: the two from t = 0 left
    }
  }

  @Test
  void rejectedRequestsDoNotCountAgainstTheLimit() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).rateLimitPerMinute(1).start()) {
      URI names = hub.namesUri("Ely");
      assertThat(get(names).statusCode()).isEqualTo(401);
      assertThat(okCount(hub, names, 1)).isEqualTo(1);
    }
  }

  @Test
  void limitsCanBeChangedWhileRunningAndSwitchedOff() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).noRateLimit().start()) {
      URI names = hub.namesUri("Ely");
      assertThat(okCount(hub, names, 700)).isEqualTo(700);

      hub.rateLimitPerMinute(5);
      time.advance(Duration.ofMinutes(1));
      assertThat(okCount(hub, names, 6)).isEqualTo(5);

      hub.noRateLimit();
      assertThat(okCount(hub, names, 10)).isEqualTo(10);

      hub.developmentMode();
      time.advance(Duration.ofMinutes(1));
      assertThat(okCount(hub, names, 51)).isEqualTo(50);

      hub.liveMode();
      assertThat(okCount(hub, names, 551)).isEqualTo(550);
    }
  }

  @Test
  void retryAfterCanBeLeftOut() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).rateLimitPerMinute(1)
        .retryAfterOnRateLimit(false).start()) {
      URI names = hub.namesUri("Ely");
      okCount(hub, names, 1);
      HttpResponse<String> limited = get(names, "key", hub.key());

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
      hub.retryAfterOnRateLimit(true);
      assertThat(get(names, "key", hub.key()).headers().firstValue("Retry-After")).contains("60");
    }
  }
}
