package io.github.osdatahub.oauth2.cli;

import static io.github.osdatahub.oauth2.cli.CliRun.envFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What servers and users put in messages never reaches the terminal as a control sequence: every
 * line on stderr goes through {@link TerminalText}, whichever way it came.
 */
class StderrTerminalSafetyTest {
  /**
   * ESC, C1 CSI, bidi override and isolate, the marks, as JSON escapes in a body (so that the
   * JSON is valid and the parsed string holds the characters themselves); none may reach stderr.
   */
  private static final String HOSTILE_JSON = "\\u001b[2J \\u009b31m \\u202e \\u2066 \\u200f \\u061c";

  private FakeOsDataHub hub;

  @BeforeEach
  void start() {
    hub = FakeOsDataHub.start();
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void anEscapeInABadStatusLineIsShownEscaped() throws Exception {
    try (CannedHttpServer api = CannedHttpServer.answering("HTTP/1.1 2\u001b[31m00 OK\r\nContent-Length: 0\r\n\r\n")) {
      CliRun run = CliRun.run(envFor(hub), "get", api.uri("/search/names/v1/find").toString());

      assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(5);
      assertThat(api.requests()).as("the request reached the server").isPositive();
      assertThat(run.err()).contains("\\u001B[31m").hasLineCount(1);
      assertTerminalSafe(run.err());
    }
  }

  @Test
  void controlAndBidiCharactersInAGatewayErrorAreShownEscaped() throws Exception {
    try (CannedHttpServer api = CannedHttpServer.answeringJson(403, "{\"fault\":{\"faultstring\":\"Denied "
        + HOSTILE_JSON + " end\",\"detail\":{\"errorcode\":\"keymanagement.service.denied\"}}}")) {
      CliRun run = CliRun.run(envFor(hub), "get", api.uri("/search/names/v1/find").toString());

      assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(5);
      assertThat(run.err()).contains("answered HTTP 403", "keymanagement.service.denied", "\\u202E", "\\u009B")
          .hasLineCount(1);
      assertTerminalSafe(run.err());
    }
  }

  @Test
  void controlAndBidiCharactersInATokenEndpointErrorAreShownEscaped() throws Exception {
    try (CannedHttpServer endpoint = CannedHttpServer.answeringJson(401,
        "{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid " + HOSTILE_JSON + "\"}")) {
      Map<String, String> env = new HashMap<>(envFor(hub));
      env.put(Configuration.TOKEN_URL_VARIABLE, endpoint.uri("/oauth2/token/v1").toString());

      CliRun run = CliRun.run(env, "token");

      assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(3);
      assertThat(run.err()).contains("invalid_client", "\\u202E", "\\u2066").hasLineCount(1);
      assertTerminalSafe(run.err());
    }
  }

  @Test
  void aFileNameWithAnEscapeIsShownEscapedInAWarning(@TempDir Path dir) throws Exception {
    Path secret;
    try {
      secret = Files.writeString(dir.resolve("secret\u001b[2J\u202e"), hub.secret() + "\n");
    } catch (InvalidPathException e) {
      Assumptions.abort("this file system does not take such names");
      return;
    }
    Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

    CliRun run = CliRun.run(envFor(hub), "token", "--secret-file", secret.toString());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.err()).contains("warning", "\\u001B[2J\\u202E").hasLineCount(1);
    assertTerminalSafe(run.err());
  }

  /** Nothing a terminal acts on but the line ends. */
  private static void assertTerminalSafe(String err) {
    String body = err.replace(System.lineSeparator(), "");
    assertThat(body.codePoints().filter(c -> Character.getType(c) == Character.CONTROL
        || Character.getType(c) == Character.FORMAT).toArray()).as("control or format characters in %s", err).isEmpty();
  }
}
