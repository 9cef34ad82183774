package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One in-process run of the command: its exit code and what it wrote.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exitCode, String out, String err) {
  /** Runs the command as {@code main} would, with this environment. */
  static CliRun run(Map<String, String> env, String... args) {
    return capture((out, err) -> Main.run(args, env, out, err));
  }

  /** Runs the command with other commands than the standard ones (test seams). */
  static CliRun run(Map<String, String> env, List<Command> commands, String... args) {
    return capture((out, err) -> Main.run(args, new Context(env, out, err), commands));
  }

  /** The three variables that point the command at a fake hub. */
  static Map<String, String> envFor(FakeOsDataHub hub) {
    return Map.of(Configuration.KEY_VARIABLE, hub.key(), Configuration.SECRET_VARIABLE, hub.secret(),
        Configuration.TOKEN_URL_VARIABLE, hub.tokenUri().toString());
  }

  /** The variables with a wrong secret. */
  static Map<String, String> envWithSecret(FakeOsDataHub hub, String secret) {
    return Map.of(Configuration.KEY_VARIABLE, hub.key(), Configuration.SECRET_VARIABLE, secret,
        Configuration.TOKEN_URL_VARIABLE, hub.tokenUri().toString());
  }

  private interface Invocation {
    int run(PrintStream out, PrintStream err);
  }

  private static CliRun capture(Invocation invocation) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = invocation.run(o, e);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
