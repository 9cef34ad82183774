package io.github.osdatahub.oauth2.cli;

import static io.github.osdatahub.oauth2.cli.CliRun.envFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A result that could not be written is a failure, not exit 0 with nothing on stderr. */
class StdoutWriteFailureTest {
  @Test
  void tokenToAFullStdoutExits6WithOneLine() {
    try (FakeOsDataHub hub = FakeOsDataHub.start()) {
      Outcome outcome = runWithFullStdout(envFor(hub), "token");

      assertThat(outcome.exitCode).isEqualTo(6);
      assertThat(outcome.err).isEqualTo("os-oauth2: could not write to standard output (disk full or closed?)"
          + System.lineSeparator());
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void getToAFullStdoutExits6() {
    try (FakeOsDataHub hub = FakeOsDataHub.start()) {
      Outcome outcome = runWithFullStdout(envFor(hub), "get", hub.namesUri("Ely").toString());

      assertThat(outcome.exitCode).as("stderr: %s", outcome.err).isEqualTo(6);
      assertThat(outcome.err).contains("could not write to standard output").hasLineCount(1);
    }
  }

  @Test
  void helpAndVersionToAFullStdoutExit6() {
    assertThat(runWithFullStdout(Map.of(), "--version").exitCode).isEqualTo(6);
    assertThat(runWithFullStdout(Map.of(), "token", "--help").exitCode).isEqualTo(6);
  }

  @Test
  void aFailureIsNotMaskedByTheOutputCheck() {
    Outcome outcome = runWithFullStdout(Map.of(), "token");

    assertThat(outcome.exitCode).isEqualTo(2);
    assertThat(outcome.err).contains("no API key").hasLineCount(1);
  }

  /** The real thing: System.out of a separate JVM redirected to /dev/full. */
  @Test
  void versionRedirectedToDevFullExits6() throws Exception {
    File devFull = new File("/dev/full");
    assumeTrue(devFull.exists(), "needs /dev/full");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--version"))
        .redirectOutput(devFull)
        .redirectError(ProcessBuilder.Redirect.PIPE)
        .start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as("stderr: %s", err).isEqualTo(6);
    assertThat(err).contains("could not write to standard output");
  }

  private record Outcome(int exitCode, String err) {}

  private static Outcome runWithFullStdout(Map<String, String> env, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(new FullDevice(), true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = Main.run(args, env, out, e);
      return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    }
  }

  /** Like /dev/full: every write fails. */
  private static final class FullDevice extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      throw new IOException("No space left on device");
    }
  }
}
