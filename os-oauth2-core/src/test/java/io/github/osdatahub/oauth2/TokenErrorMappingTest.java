package io.github.osdatahub.oauth2;

import static io.github.osdatahub.oauth2.RecordingTransport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error envelope and status the token client maps, one attempt each. */
class TokenErrorMappingTest {
  final ManualTimeSource time = new ManualTimeSource();

  OsOAuth2Exception failure(RecordingTransport.Step step) {
    RecordingTransport t = new RecordingTransport(time, step);
    TokenClient client = OsOAuth2.builder(TokenClientTest.CREDENTIALS).endpoint(TokenClientTest.ENDPOINT)
        .transport(t).jsonCodec(TestJsonCodec.create()).timeSource(time).maxAttempts(1).buildClient();
    OsOAuth2Exception e = catchThrowableOfType(OsOAuth2Exception.class, () -> AsyncFetch.run(client, time));
    assertThat(t.requests()).isEqualTo(1);
    return e;
  }

  static Stream<Arguments> envelopes() {
    return Stream.of(
        // OS's own answer to a wrong key or secret: the gateway envelope.
        Arguments.of(401, "{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid\"}",
            CredentialsRejectedException.class, "invalid_client", "HTTP 401 invalid_client: Client credentials are invalid"),
        Arguments.of(400, "{\"ErrorCode\":\"invalid_request\",\"Error\":\"Unsupported grant type : password\"}",
            RequestRejectedException.class, "invalid_request", "Unsupported grant type : password"),
        // Apigee's fault envelope.
        Arguments.of(403, "{\"fault\":{\"faultstring\":\"Access denied\",\"detail\":{\"errorcode\":"
                + "\"accesscontrol.IPDeniedAccess\"}}}",
            RequestRejectedException.class, "accesscontrol.IPDeniedAccess", "HTTP 403 accesscontrol.IPDeniedAccess: Access denied"),
        Arguments.of(429, "{\"fault\":{\"faultstring\":\"Rate limit quota violation\",\"detail\":{\"errorcode\":"
                + "\"policies.ratelimit.QuotaViolation\"}}}",
            RateLimitedException.class, "policies.ratelimit.QuotaViolation", "Rate limit quota violation"),
        Arguments.of(401, "{\"fault\":{\"faultstring\":\"Invalid ApiKey\"}}",
            CredentialsRejectedException.class, null, "HTTP 401: Invalid ApiKey"),
        // RFC 6749 section 5.2.
        Arguments.of(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant not allowed\"}",
            RequestRejectedException.class, "unsupported_grant_type", "HTTP 400 unsupported_grant_type: grant not allowed"),
        Arguments.of(401, "{\"error\":\"invalid_client\"}",
            CredentialsRejectedException.class, "invalid_client", "HTTP 401 invalid_client"),
        // Other shapes: quoted as an excerpt.
        Arguments.of(500, "<html><body>Internal Server Error</body></html>",
            ServerErrorException.class, null, "HTTP 500: <html><body>Internal Server Error</body></html>"),
        Arguments.of(502, "", ServerErrorException.class, null, "the token endpoint failed: HTTP 502"),
        Arguments.of(503, "{\"ErrorCode\":", ServerErrorException.class, null, "HTTP 503: {\"ErrorCode\":"),
        Arguments.of(504, "{\"message\":\"upstream timed out\"}", ServerErrorException.class, null,
            "HTTP 504: {\"message\":\"upstream timed out\"}"),
        Arguments.of(404, "\uFEFF{\"ErrorCode\":\"not_found\",\"Error\":\"no such path\"}",
            RequestRejectedException.class, "not_found", "no such path"),
        Arguments.of(418, "{\"ErrorCode\":42,\"Error\":[\"not a string\"]}",
            RequestRejectedException.class, null, "HTTP 418: {\"ErrorCode\":42"),
        Arguments.of(599, "", ServerErrorException.class, null, "HTTP 599"),
        Arguments.of(600, "", MalformedResponseException.class, null, "unexpected status: HTTP 600"),
        Arguments.of(101, "", MalformedResponseException.class, null, "unexpected status: HTTP 101"));
  }

  @ParameterizedTest
  @MethodSource("envelopes")
  void mapping(int status, String body, Class<?> type, String code, String message) {
    OsOAuth2Exception e = failure(answer(status, body));
    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.errorCode().orElse(null)).isEqualTo(code);
    assertThat(e.getMessage()).contains(message);
  }

  @Test
  void aLongBodyIsQuotedAsAShortSingleLineExcerpt() {
    String body = "<html>\r\n" + "x".repeat(5000) + "\n</html>";
    OsOAuth2Exception e = failure(answer(500, body));
    String quoted = e.getMessage().substring(e.getMessage().indexOf("<html>"), e.getMessage().indexOf(" (gave up"));
    assertThat(quoted).endsWith("...").doesNotContain("\n").doesNotContain("\r");
    assertThat(quoted.length()).isLessThanOrEqualTo(120 + 3);
  }

  @Test
  void anAccessTokenInAnErrorBodyIsMasked() {
    OsOAuth2Exception e = failure(
        answer(500, "{\"access_token\":\"leaked-token-value\",\"expires_in\":\"299\"}"));
    assertThat(e.getMessage()).contains("\"access_token\":\"****\"").doesNotContain("leaked-token-value");
  }

  @Test
  void anAccessTokenCutByTheExcerptIsStillMasked() {
    String body = "{\"note\":\"" + "n".repeat(90) + "\",\"access_token\":\"leaked-token-value-that-runs-past-the-cut\"}";
    OsOAuth2Exception e = failure(answer(500, body));
    assertThat(e.getMessage()).doesNotContain("leaked").doesNotContain("runs-past");
  }

  @Test
  void aRedirectIsRejectedAndNamesTheTargetWithoutItsQuery() {
    OsOAuth2Exception e = failure(
        answer(302, "moved", "Location", "https://elsewhere.example/oauth2/token/v2?sig=abc#frag"));
    assertThat(e).isExactlyInstanceOf(RequestRejectedException.class);
    assertThat(e.status()).isEqualTo(302);
    assertThat(e.getMessage()).contains("redirected (HTTP 302 to https://elsewhere.example/oauth2/token/v2)")
        .contains("redirects are not followed").doesNotContain("sig=abc").doesNotContain("moved");
  }

  @Test
  void aRelativeRedirectIsResolvedAgainstTheEndpoint() {
    OsOAuth2Exception e = failure(answer(307, "", "Location", "/oauth2/token/v9"));
    assertThat(e.getMessage()).contains("HTTP 307 to http://127.0.0.1:8080/oauth2/token/v9");
  }

  @Test
  void aRedirectWithoutLocation() {
    OsOAuth2Exception e = failure(answer(301, ""));
    assertThat(e).isExactlyInstanceOf(RequestRejectedException.class);
    assertThat(e.getMessage()).contains("redirected (HTTP 301)");
  }

  @Test
  void aTruncatedErrorAnswerKeepsItsStatusMapping() {
    byte[] big = ("<html>" + "y".repeat(TokenRequest.MAX_RESPONSE_BYTES)).getBytes(StandardCharsets.UTF_8);
    OsOAuth2Exception e = failure(answer(TransportResponse.of(503, Map.of(), big)));
    assertThat(e).isExactlyInstanceOf(ServerErrorException.class);
    assertThat(e.status()).isEqualTo(503);
  }

  @Test
  void rateLimitedKeepsAnUnreadableRetryAfterOut() {
    RateLimitedException e = (RateLimitedException) failure(
        answer(TransportResponse.of(429, Map.of("retry-after", List.of("soon")), new byte[0])));
    assertThat(e.retryAfter()).isEmpty();
    assertThat(e.status()).isEqualTo(429);
  }

  @Test
  void rateLimitedReportsItsRetryAfter() {
    RateLimitedException e = (RateLimitedException) failure(answer(429, "", "Retry-After", "7"));
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.getMessage()).contains("Retry-After 7 s");
  }

  @Test
  void anEmptySuccessIsMalformedWithItsStatus() {
    OsOAuth2Exception e = failure(answer(204, ""));
    assertThat(e).isExactlyInstanceOf(MalformedResponseException.class);
    assertThat(e.status()).isEqualTo(204);
    assertThat(e.getMessage()).isEqualTo("token response is empty");
  }
}
