package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayErrorTest {
  private static Optional<GatewayError> parse(String body) {
    return GatewayError.parse(body.getBytes(StandardCharsets.UTF_8), Configuration.jsonCodec());
  }

  @Test
  void readsTheGatewaysFaultEnvelope() {
    assertThat(parse("{\"fault\":{\"faultstring\":\"Access Token expired\",\"detail\":{\"errorcode\":"
        + "\"keymanagement.service.access_token_expired\"}}}"))
        .contains(new GatewayError("keymanagement.service.access_token_expired", "Access Token expired"));
  }

  @Test
  void readsTheTokenEndpointsEnvelope() {
    assertThat(parse("{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid\"}"))
        .contains(new GatewayError("invalid_client", "Client credentials are invalid"));
  }

  @Test
  void readsRfc6749AndTheApisOwnEnvelope() {
    assertThat(parse("{\"error\":\"invalid_request\",\"error_description\":\"bad\"}"))
        .contains(new GatewayError("invalid_request", "bad"));
    assertThat(parse("{\"error\":{\"statuscode\":400,\"message\":\"Requested postcode must contain ...\"}}"))
        .map(GatewayError::describe).contains("400: Requested postcode must contain ...");
  }

  @Test
  void describesWhicheverPartThereIs() {
    assertThat(parse("{\"fault\":{\"faultstring\":\"Rate limit quota violation\"}}"))
        .map(GatewayError::describe).contains("Rate limit quota violation");
    assertThat(parse("{\"ErrorCode\":\"invalid_client\"}")).map(GatewayError::describe).contains("invalid_client");
  }

  @Test
  void keepsMessagesOnOneShortLine() {
    String longMessage = "x".repeat(500);

    GatewayError e = parse("{\"Error\":\"line one\\nline two\\u0007" + longMessage + "\"}").orElseThrow();

    assertThat(e.message()).doesNotContain("\n").doesNotContain("\u0007").startsWith("line one line two")
        .hasSize(203).endsWith("...");
  }

  @Test
  void findsNothingInOtherBodies() {
    assertThat(parse("<html>Bad gateway</html>")).isEmpty();
    assertThat(parse("")).isEmpty();
    assertThat(parse("{\"results\":[]}")).isEmpty();
    assertThat(parse("{\"fault\":{\"detail\":{}}}")).isEmpty();
  }
}
