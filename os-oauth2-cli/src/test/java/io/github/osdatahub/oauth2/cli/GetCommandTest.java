package io.github.osdatahub.oauth2.cli;

import static io.github.osdatahub.oauth2.cli.CliRun.envFor;
import static io.github.osdatahub.oauth2.cli.CliRun.envWithSecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import io.github.osdatahub.oauth2.testkit.RecordedRequest;
import io.github.osdatahub.oauth2.testkit.TokenFault;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetCommandTest {
  /** Tokens the fake never issued, as revoked ones would be. */
  private static final String UNKNOWN_TOKEN = "UnknownTokenUnknownToken1234";
  private static final String OTHER_UNKNOWN_TOKEN = "OtherUnknownTokenOtherUnknow";

  /** A token answer carrying this token. */
  private static TokenFault answerWith(String token) {
    return TokenFault.body(200, "{\"access_token\":\"" + token
        + "\",\"expires_in\":\"299\",\"issued_at\":\"1634663382476\",\"token_type\":\"Bearer\"}");
  }

  private FakeOsDataHub hub;

  @BeforeEach
  void start() {
    hub = FakeOsDataHub.start();
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private String names() {
    return hub.namesUri("Southampton").toString();
  }

  @Test
  void printsTheApisJsonWithTheTokenOnTheRequest() {
    CliRun run = CliRun.run(envFor(hub), "get", names());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonObject("header").get("query")
        .getAsString()).isEqualTo("Southampton");
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.apiRequestCount()).isEqualTo(1);
    assertThat(hub.apiRequests().get(0).header("Authorization")).hasValueSatisfying(v -> assertThat(v).matches("Bearer [A-Za-z0-9]{28}"));
  }

  @Test
  void recoversFromTokensTheFakeExpiredWithExactlyOneMoreTokenRequest() {
    // The token is fetched first, then every token is expired: the API call gets the 401 of an expired token.
    GetCommand get = new GetCommand(configuration -> {
      CachingTokenProvider provider = configuration.tokenProvider();
      provider.token();
      hub.expireAllTokens();
      return provider;
    });

    CliRun run = CliRun.run(envFor(hub), List.of(get), "get", names());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("\"query\":\"Southampton\"");
    assertThat(hub.tokenRequestCount()).as("the first token and exactly one refresh").isEqualTo(2);
    assertThat(hub.apiRequestCount()).as("the rejected request and one retry").isEqualTo(2);
    List<RecordedRequest> calls = hub.apiRequests();
    assertThat(calls.get(0).header("Authorization")).isPresent();
    assertThat(calls.get(1).header("Authorization")).isPresent().isNotEqualTo(calls.get(0).header("Authorization"));
  }

  @Test
  void recoversFromATokenTheApiDoesNotKnow() {
    hub.failNextTokenRequests(1, answerWith(UNKNOWN_TOKEN));

    CliRun run = CliRun.run(envFor(hub), "get", names());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).contains("\"query\":\"Southampton\"");
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
    assertThat(hub.apiRequestCount()).isEqualTo(2);
    assertThat(hub.apiRequests().get(0).header("Authorization")).contains("Bearer " + UNKNOWN_TOKEN);
  }

  @Test
  void retriesOnlyOnceAndThenReportsTheGatewaysErrorWithoutTheToken() {
    hub.failNextTokenRequests(1, answerWith(UNKNOWN_TOKEN));
    hub.failNextTokenRequests(1, answerWith(OTHER_UNKNOWN_TOKEN));

    CliRun run = CliRun.run(envFor(hub), "get", names());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(5);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("os-oauth2: GET " + hub.baseUri() + "/search/names/v1/find answered HTTP 401 "
        + "(keymanagement.service.invalid_access_token: Invalid Access Token)" + System.lineSeparator());
    assertThat(run.err()).doesNotContain(UNKNOWN_TOKEN).doesNotContain(OTHER_UNKNOWN_TOKEN).doesNotContain("Southampton");
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
    assertThat(hub.apiRequestCount()).as("one retry, never a loop").isEqualTo(2);
    assertThat(hub.apiRequests().get(1).header("Authorization")).contains("Bearer " + OTHER_UNKNOWN_TOKEN);
  }

  @Test
  void aForbiddenApiExits5WithStatusAndCodeAndIsNotRetried(@TempDir Path dir) {
    hub.deniedApis("/maps/raster/");
    Path file = dir.resolve("tile.png");
    URI tile = hub.rasterTileUri("Road_3857", 7, 63, 42);

    CliRun run = CliRun.run(envFor(hub), "get", tile.toString(), "-o", file.toString());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(5);
    assertThat(run.err()).contains("answered HTTP 403", "keymanagement.service.InvalidAPICallAsNoApiProductMatchFound")
        .hasLineCount(1);
    String token = hub.apiRequests().get(0).header("Authorization").orElseThrow().substring("Bearer ".length());
    assertThat(run.err()).doesNotContain(token);
    assertThat(file).doesNotExist();
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.apiRequestCount()).as("403 is not a token problem: no retry").isEqualTo(1);
  }

  @Test
  void writesTheBodyToAFileWithDashO(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("names.json");
    Path png = dir.resolve("tile.png");

    CliRun names = CliRun.run(envFor(hub), "get", "-o", json.toString(), names());
    CliRun tile = CliRun.run(envFor(hub), "get", hub.rasterTileUri("Road_3857", 7, 63, 42).toString(),
        "--output=" + png);

    assertThat(names.exitCode()).as("stderr: %s", names.err()).isZero();
    assertThat(names.out()).isEmpty();
    assertThat(Files.readString(json)).contains("\"query\":\"Southampton\"");
    assertThat(tile.exitCode()).as("stderr: %s", tile.err()).isZero();
    byte[] image = Files.readAllBytes(png);
    assertThat(image).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void aDownloadThatFailsPartWayLeavesTheOldFileAsItWas(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("tile.png"), "the old tile");
    setPermissionsIfPosix(file, "rw-------");
    try (CannedHttpServer api = CannedHttpServer.answering("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
        + "Content-Length: 100000\r\n\r\n" + "x".repeat(5000))) {
      CliRun run = CliRun.run(envFor(hub), "get", api.uri("/maps/raster/v1/zxy/Road_3857/7/63/42.png").toString(),
          "-o", file.toString());

      assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(5);
      assertThat(run.err()).contains("failed").hasLineCount(1);
    }
    assertThat(Files.readString(file)).isEqualTo("the old tile");
    assertPermissionsIfPosix(file, "rw-------");
    assertThat(listing(dir)).as("no temporary file left behind").containsExactly("tile.png");
  }

  @Test
  void aReplacedFileKeepsItsPermissions(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(isPosix(dir));
    Path file = Files.writeString(dir.resolve("names.json"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Path readOnly = Files.writeString(dir.resolve("read-only.json"), "old");
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r-----"));

    CliRun run = CliRun.run(envFor(hub), "get", names(), "-o", file.toString());
    CliRun second = CliRun.run(envFor(hub), "get", names(), "-o", readOnly.toString());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(Files.readString(file)).contains("\"query\":\"Southampton\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(second.exitCode()).as("stderr: %s", second.err()).isZero();
    assertThat(Files.readString(readOnly)).contains("\"query\":\"Southampton\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(readOnly))).isEqualTo("r--r-----");
    assertThat(listing(dir)).containsExactlyInAnyOrder("names.json", "read-only.json");
  }

  @Test
  void aNewFileIsCreatedAsTheUmaskWouldWithoutGroupOrOtherWrite(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(isPosix(dir));
    // What a plain create gives here (0666 less the umask), less group and other write.
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
    expected.removeAll(Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
    Path file = dir.resolve("names.json");

    CliRun run = CliRun.run(envFor(hub), "get", names(), "-o", file.toString());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(expected);
  }

  @Test
  void aSymbolicLinkIsKeptAndItsTargetReplaced(@TempDir Path dir) throws Exception {
    Path target = Files.writeString(dir.resolve("real.json"), "old");
    Path link;
    try {
      link = Files.createSymbolicLink(dir.resolve("link.json"), target.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("no symbolic links here: " + e);
      return;
    }

    CliRun run = CliRun.run(envFor(hub), "get", names(), "-o", link.toString());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).contains("\"query\":\"Southampton\"");
  }

  @Test
  void aFileThatCannotBeWrittenExits6(@TempDir Path dir) {
    Path file = dir.resolve("no-such-directory").resolve("names.json");

    CliRun run = CliRun.run(envFor(hub), "get", names(), "-o", file.toString());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(6);
    assertThat(run.err()).contains("could not write " + file).hasLineCount(1);
  }

  @Test
  void anEndpointOnAnotherPortLetsTheTokenGoOnlyToThatPort() {
    Map<String, String> env = new HashMap<>(envFor(hub));
    env.put(Configuration.TOKEN_URL_VARIABLE, "https://gateway.example:8443/oauth2/token/v1");

    CliRun run = CliRun.run(env, "get", "https://gateway.example/search/names/v1/find");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err()).contains("will not send the token to https://gateway.example/search/names/v1/find",
        "api.os.uk, gateway.example:8443").hasLineCount(1);
  }

  private static boolean isPosix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void setPermissionsIfPosix(Path file, String permissions) throws IOException {
    if (isPosix(file)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }
  }

  private static void assertPermissionsIfPosix(Path file, String permissions) throws IOException {
    if (isPosix(file)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo(permissions);
    }
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void neverSendsTheTokenOutsideTheScope() {
    String tokenEndpoint = hub.tokenUri().toString();

    CliRun other = CliRun.run(envFor(hub), "get", "https://example.com/search/names/v1/find?query=x");
    CliRun plain = CliRun.run(envFor(hub), "get", "http://api.os.uk/search/names/v1/find?query=x");
    CliRun token = CliRun.run(envFor(hub), "get", tokenEndpoint);

    for (CliRun run : new CliRun[] {other, plain, token}) {
      assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
      assertThat(run.err()).contains("will not send the token to").hasLineCount(1);
    }
    assertThat(other.err()).contains("https://example.com/search/names/v1/find:").doesNotContain("query=x");
    assertThat(hub.tokenRequestCount()).isZero();
    assertThat(hub.apiRequestCount()).isZero();
  }

  @Test
  void aWrongSecretExits3AndNoApiRequestIsMade() {
    CliRun run = CliRun.run(envWithSecret(hub, "wrong-secret-for-get"), "get", names());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(3);
    assertThat(run.err()).contains("invalid_client").doesNotContain("wrong-secret-for-get").hasLineCount(1);
    assertThat(hub.apiRequestCount()).isZero();
  }

  @Test
  void aConnectionFailureExits5() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    String url = "http://" + hub.host() + ":" + closedPort + "/search/names/v1/find";

    CliRun run = CliRun.run(envFor(hub), "get", url);

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(5);
    assertThat(run.err()).startsWith("os-oauth2: GET " + url + " failed: ")
        .hasLineCount(1);
  }

  @Test
  void needsExactlyOneAbsoluteUrl() {
    CliRun none = CliRun.run(envFor(hub), "get");
    CliRun two = CliRun.run(envFor(hub), "get", names(), names());
    CliRun relative = CliRun.run(envFor(hub), "get", "/search/names/v1/find");

    assertThat(none.exitCode()).as("stderr: %s", none.err()).isEqualTo(2);
    assertThat(none.err()).contains("get needs exactly one URL");
    assertThat(two.exitCode()).as("stderr: %s", two.err()).isEqualTo(2);
    assertThat(relative.exitCode()).as("stderr: %s", relative.err()).isEqualTo(2);
    assertThat(relative.err()).contains("absolute http or https URL");
    assertThat(hub.tokenRequestCount()).isZero();
  }
}
