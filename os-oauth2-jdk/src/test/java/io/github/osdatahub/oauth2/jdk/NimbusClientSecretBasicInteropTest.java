package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialEncoding;
import io.github.osdatahub.oauth2.CredentialsRejectedException;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.RequestRejectedException;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SDK's Basic credentials against a decoder nobody here wrote: a loopback token endpoint that
 * reads the {@code Authorization} header with Nimbus's server-side
 * {@link ClientSecretBasic#parse(String)}, which form-decodes the id and secret as RFC 6749
 * §2.3.1 says (as Spring Authorization Server does), and issues an OS-shaped token only when both
 * match. Through a real {@link CachingTokenProvider} and {@link JdkHttpTransport}.
 */
class NimbusClientSecretBasicInteropTest {
  private static final String TOKEN = "ZclClFcksJlZ19vnJOt09Yj3xme0";

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  /** What Nimbus decoded from each request, as "id|secret", or "unparseable". */
  private final List<String> decoded = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @ParameterizedTest(name = "key {0}, secret {1}")
  @CsvSource(delimiter = '|', value = {
      "client|s3cr:t+%/ü",       // '+' and '%' mean something to a form decoder; ':' to Basic
      "client|s3cr:t+ü",
      "client:one|s3cret",       // a ':' in the key, sent as %3A
      "ABCdef123|XYZuvw789"})    // OS's letters and digits
  void theDefaultEncodingGetsATokenFromAStandardsServer(String key, String secret) throws IOException {
    URI endpoint = endpointExpecting(key, secret);

    try (CachingTokenProvider provider = provider(ProjectCredentials.of(key, secret), endpoint, null)) {
      assertThat(provider.token().value()).isEqualTo(TOKEN);
    }
    assertThat(decoded).containsExactly(key + "|" + secret);
  }

  @Test
  void rawModeSendsAPlusThatTheServerReadsAsASpace() throws IOException {
    URI endpoint = endpointExpecting("client", "s3cr:t+ü");

    try (CachingTokenProvider provider = provider(ProjectCredentials.of("client", "s3cr:t+ü"), endpoint,
        CredentialEncoding.RAW)) {
      assertThatThrownBy(provider::token).isInstanceOf(CredentialsRejectedException.class)
          .hasMessageNotContaining("s3cr");
    }
    assertThat(decoded).containsExactly("client|s3cr:t ü");
  }

  @Test
  void rawModeSendsAPercentThatTheServerCannotDecode() throws IOException {
    URI endpoint = endpointExpecting("client", "s3cr:t+%/ü");

    try (CachingTokenProvider provider = provider(ProjectCredentials.of("client", "s3cr:t+%/ü"), endpoint,
        CredentialEncoding.RAW)) {
      assertThatThrownBy(provider::token).isInstanceOf(RequestRejectedException.class)
          .hasMessageContaining("400").hasMessageNotContaining("s3cr");
    }
    assertThat(decoded).containsExactly("unparseable");
  }

  @Test
  void rawModeRefusesAKeyWithAColonBeforeSendingAnything() throws IOException {
    URI endpoint = endpointExpecting("client:one", "s3cret");

    assertThatThrownBy(() -> provider(ProjectCredentials.of("client:one", "s3cret"), endpoint,
        CredentialEncoding.RAW)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RAW");
    assertThat(requests).hasValue(0);
  }

  @Test
  void forLettersAndDigitsRawModeWorksToo() throws IOException {
    URI endpoint = endpointExpecting("ABCdef123", "XYZuvw789");

    try (CachingTokenProvider provider = provider(ProjectCredentials.of("ABCdef123", "XYZuvw789"), endpoint,
        CredentialEncoding.RAW)) {
      assertThat(provider.token().value()).isEqualTo(TOKEN);
    }
  }

  private static CachingTokenProvider provider(ProjectCredentials credentials, URI endpoint,
      CredentialEncoding encoding) {
    OsOAuth2.Builder builder = OsOAuth2.builder(credentials)
        .endpoint(endpoint)
        .transport(JdkHttpTransport.create())
        .jsonCodec(GsonJsonCodec.create());
    if (encoding != null) {
      builder.credentialEncoding(encoding);
    }
    return builder.build();
  }

  /** Starts the endpoint; it answers as a standards server would for a client with this id and secret. */
  private URI endpointExpecting(String clientId, String clientSecret) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth2/token/v1", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      ClientSecretBasic basic;
      try {
        basic = ClientSecretBasic.parse(exchange.getRequestHeaders().getFirst("Authorization"));
      } catch (ParseException e) {
        decoded.add("unparseable");
        answer(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"bad client credentials\"}");
        return;
      }
      String id = basic.getClientID().getValue();
      String secret = basic.getClientSecret().getValue();
      decoded.add(id + "|" + secret);
      if (id.equals(clientId) && secret.equals(clientSecret)) {
        answer(exchange, 200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":\"299\","
            + "\"issued_at\":\"1634663382476\",\"token_type\":\"Bearer\"}");
      } else {
        answer(exchange, 401, "{\"error\":\"invalid_client\"}");
      }
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token/v1");
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
