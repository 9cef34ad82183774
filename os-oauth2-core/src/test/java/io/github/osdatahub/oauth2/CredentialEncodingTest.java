package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** RFC 6749 §2.3.1 encoding by default, raw ({@code curl -u}) on request; the bytes of each. */
class CredentialEncodingTest {
  private static final URI LOCAL = URI.create("http://127.0.0.1:9/oauth2/token/v1");
  /** Every character OS puts in keys and secrets, in one pair. */
  private static final String LETTERS_AND_DIGITS_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm";
  private static final String LETTERS_AND_DIGITS_SECRET = "nopqrstuvwxyz0123456789";

  @Test
  void forLettersAndDigitsBothEncodingsSendWhatCurlDashUSends() {
    ProjectCredentials os = ProjectCredentials.of(LETTERS_AND_DIGITS_KEY, LETTERS_AND_DIGITS_SECRET);
    String curl = basic(LETTERS_AND_DIGITS_KEY + ":" + LETTERS_AND_DIGITS_SECRET);

    assertThat(authorization(os, CredentialEncoding.RFC6749)).isEqualTo(curl);
    assertThat(authorization(os, CredentialEncoding.RAW)).isEqualTo(curl);
  }

  @Test
  void rfc6749FormUrlencodesKeyAndSecretBeforeBasic() {
    ProjectCredentials c = ProjectCredentials.of("client:one", "s3cr:t+%/ü x");

    assertThat(decoded(authorization(c, CredentialEncoding.RFC6749)))
        .isEqualTo("client%3Aone:s3cr%3At%2B%25%2F%C3%BC+x");
  }

  @Test
  void theDefaultIsRfc6749Everywhere() {
    ProjectCredentials c = ProjectCredentials.of("key", "s3cr:t+ü");
    String form = basic("key:s3cr%3At%2B%C3%BC");
    CapturingTransport transport = new CapturingTransport();

    assertThat(TokenRequest.create(c).headers().get("Authorization")).isEqualTo(form);
    assertThat(TokenRequest.create(c, LOCAL).headers().get("Authorization")).isEqualTo(form);
    assertThat(OsOAuth2.builder(c).transport(transport).jsonCodec(ScriptedTransport.CODEC).buildClient()
        .request().headers().get("Authorization")).isEqualTo(form);
    try (CachingTokenProvider provider = OsOAuth2.builder(c).endpoint(LOCAL).transport(transport)
        .jsonCodec(ScriptedTransport.CODEC).executor(Runnable::run).build()) {
      provider.token();
    }
    assertThat(transport.authorizations).containsExactly(form);
  }

  @Test
  void rawSendsKeyAndSecretAsCurlDashUDoes() {
    ProjectCredentials c = ProjectCredentials.of("key", "s3cr:t+%/ü");
    CapturingTransport transport = new CapturingTransport();

    assertThat(decoded(authorization(c, CredentialEncoding.RAW))).isEqualTo("key:s3cr:t+%/ü");
    try (CachingTokenProvider provider = OsOAuth2.builder(c).endpoint(LOCAL).transport(transport)
        .jsonCodec(ScriptedTransport.CODEC).executor(Runnable::run)
        .credentialEncoding(CredentialEncoding.RAW).build()) {
      provider.token();
    }
    assertThat(transport.authorizations).containsExactly(basic("key:s3cr:t+%/ü"));
  }

  @Test
  void aKeyWithAColonIsAcceptedAndSentAsPercent3A() {
    ProjectCredentials c = ProjectCredentials.of("client:one", "secret");

    assertThat(c.key()).isEqualTo("client:one");
    assertThat(decoded(TokenRequest.create(c).headers().get("Authorization"))).isEqualTo("client%3Aone:secret");
  }

  @Test
  void rawRefusesAKeyWithAColonNamingTheSettingButNotTheKey() {
    ProjectCredentials c = ProjectCredentials.of("client:one", "s3cret-DO-NOT-LOG");

    for (Runnable attempt : List.<Runnable>of(
        () -> TokenRequest.create(c, LOCAL, CredentialEncoding.RAW),
        () -> OsOAuth2.builder(c).credentialEncoding(CredentialEncoding.RAW))) {
      assertThatThrownBy(attempt::run).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("credentialEncoding RAW").hasMessageContaining("':'")
          .hasMessageNotContaining("client:one").hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void aNullEncodingIsRefusedByName() {
    ProjectCredentials c = ProjectCredentials.of("key", "secret");

    assertThatThrownBy(() -> OsOAuth2.builder(c).credentialEncoding(null))
        .isInstanceOf(NullPointerException.class).hasMessage("credentialEncoding");
    assertThatThrownBy(() -> TokenRequest.create(c, LOCAL, null))
        .isInstanceOf(NullPointerException.class).hasMessage("credentialEncoding");
  }

  @Test
  void noSecretInToStringOrInAnExcerptThatEchoesItDecoded() {
    String secret = "s3cr:t+%/ü-DO-NOT-LOG";
    TokenRequest request = TokenRequest.create(ProjectCredentials.of("key", secret));
    Redaction redaction = Redaction.of(request);

    assertThat(request.toString()).doesNotContain("s3cr").contains("Authorization=Basic ****");
    // A server that decoded the form-urlencoded secret and quotes it back in its error.
    assertThat(redaction.excerpt("{\"error\":\"bad secret " + secret + "\"}")).doesNotContain("s3cr");
    assertThat(redaction.excerpt("bad secret s3cr%3At%2B%25%2F%C3%BC-DO-NOT-LOG")).doesNotContain("s3cr");
  }

  private static String authorization(ProjectCredentials c, CredentialEncoding encoding) {
    return TokenRequest.create(c, LOCAL, encoding).headers().get("Authorization");
  }

  private static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  private static String decoded(String authorization) {
    assertThat(authorization).startsWith("Basic ");
    return new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8);
  }

  /** Records the Authorization header of each request and answers with a token. */
  private static final class CapturingTransport implements HttpTransport {
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final ScriptedTransport tokens = new ScriptedTransport();

    @Override
    public TransportResponse send(TokenRequest request, Duration timeout) {
      return sendAsync(request, timeout).join();
    }

    @Override
    public CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout) {
      authorizations.add(request.headers().get("Authorization"));
      return tokens.sendAsync(request, timeout);
    }
  }
}
