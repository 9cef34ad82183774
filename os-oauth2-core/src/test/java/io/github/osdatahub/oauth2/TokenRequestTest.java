package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRequestTest {
  static final ProjectCredentials CREDENTIALS = ProjectCredentials.of("my-key", "my-secret");

  @Test
  void isWhatCurlSendsPlusAcceptAndUserAgent() {
    TokenRequest r = TokenRequest.create(CREDENTIALS);
    assertThat(r.endpoint()).isEqualTo(URI.create("https://api.os.uk/oauth2/token/v1"));
    assertThat(r.method()).isEqualTo("POST");
    assertThat(List.copyOf(r.headers().entrySet())).containsExactly(
        Map.entry("Authorization", "Basic bXkta2V5Om15LXNlY3JldA=="),
        Map.entry("Content-Type", "application/x-www-form-urlencoded"),
        Map.entry("Accept", "application/json"),
        Map.entry("User-Agent", "os-oauth2-java/" + SdkVersion.version() + " Java/" + Runtime.version().feature()));
    assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("grant_type=client_credentials");
    assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
  }

  @Test
  void userAgentNamesTheBuiltVersion() {
    assertThat(SdkVersion.version()).isNotEqualTo("unknown").doesNotContain("${");
    assertThat(TokenRequest.create(CREDENTIALS).headers().get("User-Agent")).startsWith("os-oauth2-java/0.");
  }

  @Test
  void bodyAndHeadersCannotBeChangedThroughTheAccessors() {
    TokenRequest r = TokenRequest.create(CREDENTIALS);
    r.body()[0] = 'X';
    assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("grant_type=client_credentials");
    assertThatThrownBy(() -> r.headers().put("Authorization", "x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://api.os.uk/oauth2/token/v1", "https://example.com:8443/token",
      "http://127.0.0.1:8080/oauth2/token/v1", "http://localhost/t", "http://[::1]:9000/t", "http://127.1.2.3/t",
      "HTTPS://API.OS.UK/oauth2/token/v1"})
  void acceptsHttpsAndLoopbackHttp(String uri) {
    assertThat(TokenRequest.create(CREDENTIALS, URI.create(uri)).endpoint()).isEqualTo(URI.create(uri));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://api.os.uk/oauth2/token/v1", "http://10.0.0.1/t", "http://localhost.evil.com/t",
      "ftp://api.os.uk/t", "/oauth2/token/v1", "https://user:pw@api.os.uk/t", "https://api.os.uk/t#frag",
      "mailto:someone@os.uk"})
  void refusesAnythingElse(String uri) {
    assertThatThrownBy(() -> TokenRequest.create(CREDENTIALS, URI.create(uri)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pw@");
  }

  @Test
  void theBuilderChecksTheEndpointToo() {
    assertThatThrownBy(() -> OsOAuth2.builder(CREDENTIALS).endpoint(URI.create("http://api.os.uk/oauth2/token/v1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
  }

  @Test
  void toStringRedactsTheCredentials() {
    TokenRequest r = TokenRequest.create(ProjectCredentials.of("my-key", "s3cr3t-DO-NOT-LOG"));
    String basic = r.headers().get("Authorization").substring("Basic ".length());
    assertThat(r.toString())
        .contains("POST https://api.os.uk/oauth2/token/v1")
        .contains("Authorization=Basic ****")
        .contains("Content-Type=application/x-www-form-urlencoded")
        .doesNotContain("s3cr3t").doesNotContain(basic);
  }
}
