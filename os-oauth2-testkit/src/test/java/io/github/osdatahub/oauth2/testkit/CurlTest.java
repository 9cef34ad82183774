package io.github.osdatahub.oauth2.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented exchange as {@code curl} sees it, byte for byte: skipped where {@code curl} is not
 * on the PATH (listed in the README).
 */
class CurlTest {
  private final FakeOsDataHub hub = FakeOsDataHub.start();
  @TempDir Path dir;

  /** What one curl run wrote: exit code, headers, body. */
  record Curl(int exit, String headers, String body) {
    String contentType() {
      return headers.lines().filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
          .map(l -> l.substring(13).strip()).findFirst().orElse("");
    }

    int status() {
      return Integer.parseInt(headers.lines().findFirst().orElseThrow().split(" ")[1]);
    }
  }

  @BeforeAll
  static void needsCurl() {
    boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, "curl")));
    Assumptions.assumeTrue(found, "curl is not on the PATH");
  }

  @AfterEach
  void close() {
    hub.close();
  }

  private Curl curl(String... args) throws IOException, InterruptedException {
    Path headers = dir.resolve("headers");
    Path body = dir.resolve("body");
    Files.deleteIfExists(headers);
    Files.deleteIfExists(body);
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "-D", headers.toString(),
        "-o", body.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("stderr").toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Curl(process.exitValue(),
        Files.exists(headers) ? Files.readString(headers, StandardCharsets.ISO_8859_1) : "",
        Files.exists(body) ? new String(Files.readAllBytes(body), StandardCharsets.UTF_8) : "");
  }

  @Test
  void theTokenAnswerIsExactlyTheDocumentedOne() throws Exception {
    Curl answer = curl("-u", hub.key() + ":" + hub.secret(), "-d", "grant_type=client_credentials",
        hub.tokenUri().toString());

    assertThat(answer.exit()).isZero();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo("application/json");
    assertThat(answer.body()).matches(TokenEndpointTest.TOKEN_ANSWER);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.tokenRequests().get(0).header("Content-Type")).contains("application/x-www-form-urlencoded");
  }

  @Test
  void wrongCredentialsGetTheGatewayEnvelope() throws Exception {
    Curl answer = curl("-u", hub.key() + ":wrong", "-d", "grant_type=client_credentials", hub.tokenUri().toString());

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).isEqualTo("{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid\"}");
  }

  @Test
  void aWrongGrantTypeIsNamed() throws Exception {
    Curl answer = curl("-u", hub.key() + ":" + hub.secret(), "-d", "grant_type=authorization_code",
        hub.tokenUri().toString());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body())
        .isEqualTo("{\"ErrorCode\":\"invalid_request\",\"Error\":\"Unsupported grant type : authorization_code\"}");
  }

  @Test
  void theTokenOpensTheApisUntilItExpires() throws Exception {
    Curl token = curl("-u", hub.key() + ":" + hub.secret(), "-d", "grant_type=client_credentials",
        hub.tokenUri().toString());
    String bearer = "Authorization: Bearer " + RawHttp.accessToken(token.body());

    Curl names = curl("-H", bearer, hub.namesUri("Southampton").toString());
    hub.expireAllTokens();
    Curl expired = curl("-H", bearer, hub.namesUri("Southampton").toString());

    assertThat(names.status()).isEqualTo(200);
    assertThat(names.body()).contains("\"NAME1\":\"Southampton\"");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.body()).isEqualTo(ProtectedApiTest.EXPIRED);
    assertThat(hub.apiRequestCount()).isEqualTo(2);
  }

  @Test
  void anUnknownTokenGetsTheInvalidTokenBody() throws Exception {
    Curl answer = curl("-H", "Authorization: Bearer nonsense", hub.namesUri("Leeds").toString());

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).isEqualTo(ProtectedApiTest.INVALID);
    assertThat(answer.headers()).containsIgnoringCase("WWW-Authenticate: Bearer realm=\"null\",error=\"invalid_token\"");
  }

  @Test
  void aDroppedConnectionIsAnEmptyReplyToCurl() throws Exception {
    hub.failNextTokenRequests(1, TokenFault.dropConnection());

    Curl answer = curl("-u", hub.key() + ":" + hub.secret(), "-d", "grant_type=client_credentials",
        hub.tokenUri().toString());

    assertThat(answer.exit()).isEqualTo(52); // CURLE_GOT_NOTHING: "Empty reply from server"
    assertThat(answer.body()).isEmpty();
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void theApiKeyInTheQueryServesATile() throws Exception {
    Curl tile = curl(hub.rasterTileUri("Road_3857", 7, 63, 42) + "?key=" + hub.key());

    assertThat(tile.status()).isEqualTo(200);
    assertThat(tile.contentType()).isEqualTo("image/png");
    assertThat(Files.readAllBytes(dir.resolve("body"))).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }
}
