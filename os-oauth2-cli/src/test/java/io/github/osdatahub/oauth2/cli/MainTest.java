package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void helpListsEveryCommandTheConfigurationAndTheExitCodes() {
    for (String flag : new String[] {"--help", "-h"}) {
      CliRun run = CliRun.run(NO_ENV, flag);

      assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
      assertThat(run.err()).isEmpty();
      assertThat(run.out())
          .contains("Usage: os-oauth2 <command> [options]")
          .contains("  token ", "  get ", "  demo ", "  fake-server ")
          .contains("OS_PROJECT_API_KEY", "OS_PROJECT_API_SECRET", "OS_OAUTH2_TOKEN_URL",
              "OS_OAUTH2_CREDENTIAL_ENCODING")
          .contains("never an argument")
          .contains("  0  success", "  2  usage or configuration error", "  3  the token endpoint rejected",
              "  4  no token", "  5  the API request failed", "  6  the output could not be written");
    }
  }

  @Test
  void noArgumentsPrintsTheHelpOnStderrAndExits2() {
    CliRun run = CliRun.run(NO_ENV);

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("Usage: os-oauth2 <command> [options]");
  }

  @Test
  void versionPrintsTheBuildVersion() {
    CliRun run = CliRun.run(NO_ENV, "--version");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).matches("os-oauth2 \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .+\\)\\R");
  }

  @Test
  void tokenHelpShowsItsOptionsAndConfiguration() {
    CliRun run = CliRun.run(NO_ENV, "token", "--help");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out())
        .startsWith("Usage: os-oauth2 token [--json | --header] [--key KEY] [--secret-file FILE]"
            + " [--credential-encoding MODE]")
        .contains("--json", "--header", "--key KEY", "--secret-file FILE", "-h, --help")
        .contains("--credential-encoding MODE", "rfc6749 or raw", "as curl -u does")
        .contains("OS_PROJECT_API_SECRET")
        .contains("  3  the token endpoint rejected the credentials")
        .doesNotContain("  5  ");
  }

  @Test
  void getHelpShowsTheOutputOptionAndExitCode5() {
    CliRun run = CliRun.run(NO_ENV, "get", "-h");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out())
        .startsWith("Usage: os-oauth2 get URL [-o FILE]")
        .contains("-o, --output FILE", "retries once", "  5  the API request failed")
        .contains("--credential-encoding MODE", "  6  the output could not be written");
  }

  @Test
  void demoAndFakeServerHelpSayWhatTheyDo() {
    CliRun demo = CliRun.run(NO_ENV, "demo", "--help");
    CliRun fake = CliRun.run(NO_ENV, "fake-server", "--help");

    assertThat(demo.exitCode()).as("stderr: %s", demo.err()).isZero();
    assertThat(demo.out()).startsWith("Usage: os-oauth2 demo").contains("FakeOsDataHub", "no credentials")
        .doesNotContain("OS_PROJECT_API_SECRET");
    assertThat(fake.exitCode()).as("stderr: %s", fake.err()).isZero();
    assertThat(fake.out()).startsWith("Usage: os-oauth2 fake-server [--port N]").contains("-p, --port N", "Ctrl-C");
  }

  @Test
  void anUnknownCommandOrOptionIsAUsageErrorOnOneLine() {
    CliRun command = CliRun.run(NO_ENV, "tokn");
    CliRun option = CliRun.run(NO_ENV, "token", "--jsn");
    CliRun global = CliRun.run(NO_ENV, "--verbose");

    assertThat(command.exitCode()).as("stderr: %s", command.err()).isEqualTo(2);
    assertThat(command.err()).isEqualTo("os-oauth2: unknown command tokn (see 'os-oauth2 --help')" + System.lineSeparator());
    assertThat(option.exitCode()).as("stderr: %s", option.err()).isEqualTo(2);
    assertThat(option.err()).contains("unknown option --jsn for 'token'").hasLineCount(1);
    assertThat(global.exitCode()).as("stderr: %s", global.err()).isEqualTo(2);
    assertThat(global.err()).contains("unknown option --verbose").hasLineCount(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"token", "get", "demo", "fake-server"})
  void theSecretIsRefusedAsAnArgumentOfEveryCommand(String command) {
    CliRun run = CliRun.run(NO_ENV, command, "--secret", "abc-secret-value");
    CliRun before = CliRun.run(NO_ENV, "--secret=abc-secret-value", command);

    for (CliRun r : new CliRun[] {run, before}) {
      assertThat(r.exitCode()).as("stderr: %s", r.err()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).contains("--secret is not accepted", "process lists", "OS_PROJECT_API_SECRET",
          "--secret-file").doesNotContain("abc-secret-value").hasLineCount(1);
    }
  }
}
