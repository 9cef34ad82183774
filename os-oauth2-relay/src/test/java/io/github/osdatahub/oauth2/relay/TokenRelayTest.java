package io.github.osdatahub.oauth2.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TokenRelay without a server: the builder's checks, HEAD, and what the value types show of themselves. */
class TokenRelayTest {
  private static final String TOKEN_VALUE = "ZclClFcksJlZ19vnJOt09Yj3xme0";
  private static final AccessToken TOKEN = AccessToken.of(TOKEN_VALUE, Instant.now().plusSeconds(299));
  private static final TokenProvider PROVIDER = () -> TOKEN;

  @Test
  void badSettingsAreRefusedWithTheSettingsName() {
    TokenRelay.Builder b = TokenRelay.builder(PROVIDER);
    for (String origin : new String[] {"*", "null", "https://maps.example.com/", "maps.example.com", "ftp://x.example"}) {
      assertThatThrownBy(() -> b.allowedOrigins(origin)).as(origin)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowedOrigins");
    }
    assertThatThrownBy(() -> b.minRemaining(Duration.ZERO)).hasMessageContaining("minRemaining");
    assertThatThrownBy(() -> b.rateLimit(0, Duration.ofMinutes(1))).hasMessageContaining("rateLimit");
    assertThatThrownBy(() -> b.rateLimit(10, Duration.ZERO)).hasMessageContaining("rateLimit");
    for (String path : new String[] {"os-token", "/", "/os token", "/os-token?x=1", "/a#b"}) {
      assertThatThrownBy(() -> b.path(path)).as(path).hasMessageContaining("path");
    }
    assertThatThrownBy(() -> TokenRelay.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void headIsAnsweredWithTheHeadersOfGetAndNoBody() {
    TokenRelay relay = TokenRelay.create(PROVIDER);
    RelayResponse get = relay.answer(RelayRequest.of("GET", name -> null, null, null)).join();
    RelayResponse head = relay.answer(RelayRequest.of("HEAD", name -> null, null, null)).join();
    assertThat(get.bodyLength()).isPositive();
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.headers()).isEqualTo(get.headers());
    assertThat(head.body()).isEmpty();
  }

  @Test
  void aServerTimeoutIsA503WithTheCorsHeadersTheAnswerWouldHaveHad() {
    TokenRelay relay = TokenRelay.builder(PROVIDER).allowedOrigins("https://maps.example.com").build();
    RelayResponse allowed = relay.timedOut(RelayRequest.of("GET",
        Map.of("Origin", "https://maps.example.com")::get, null, null));
    assertThat(allowed.status()).isEqualTo(503);
    assertThat(allowed.headers()).containsEntry("Access-Control-Allow-Origin", "https://maps.example.com")
        .containsEntry("Retry-After", "5").containsEntry("Cache-Control", "no-store");
    RelayResponse foreign = relay.timedOut(RelayRequest.of("GET",
        Map.of("Origin", "https://elsewhere.example")::get, null, null));
    assertThat(foreign.headers()).doesNotContainKey("Access-Control-Allow-Origin");
  }

  @Test
  void noToStringShowsTheTokenOrAHeader() {
    TokenRelay relay = TokenRelay.builder(PROVIDER).allowedOrigins("https://maps.example.com")
        .rateLimit(10, Duration.ofMinutes(1)).build();
    RelayRequest request = RelayRequest.of("GET", Map.of("Cookie", "session=abc123")::get, "192.0.2.1", null);
    RelayResponse response = relay.answer(request).join();
    assertThat(new String(response.body(), java.nio.charset.StandardCharsets.US_ASCII)).contains(TOKEN_VALUE);

    assertThat(relay.toString()).doesNotContain(TOKEN_VALUE)
        .contains("/os-token", "https://maps.example.com:443", "10 per PT1M");
    assertThat(response.toString()).doesNotContain(TOKEN_VALUE).isEqualTo("RelayResponse[200, "
        + response.bodyLength() + " bytes]");
    assertThat(request.toString()).doesNotContain("abc123").isEqualTo("RelayRequest[GET from 192.0.2.1]");
    assertThat(RelayHttpHandler.create(relay).toString()).doesNotContain(TOKEN_VALUE);
  }
}
