package io.github.osdatahub.oauth2.benchmarks.coldstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One way of getting a token in a fresh JVM: the command, and what it runs with.
 *
 * @param id the short name for {@code coldstart.variants}
 * @param label the name in the table
 * @param command the process to start; it prints the token alone on a line and exits 0
 * @param environment variables set for it, on top of this process's
 */
record Variant(String id, String label, List<String> command, Map<String, String> environment) {
  /** Variables of this process that would change how a child JVM starts; never passed on. */
  private static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
      "_JAVA_OPTIONS", "OS_PROJECT_API_KEY", "OS_PROJECT_API_SECRET", "OS_OAUTH2_TOKEN_URL");
  /** Far beyond a cold start on any machine; only a child that hangs reaches it. */
  private static final Duration CHILD_LIMIT = Duration.ofMinutes(2);

  /**
   * Starts the process and waits for it to exit.
   *
   * @return milliseconds from just before the process was started to its exit
   * @throws IOException when it fails, exits non-zero or prints something other than one token
   */
  double launch(LoopbackTlsTokenServer endpoint) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    JVM_OPTION_VARIABLES.forEach(env::remove);
    env.putAll(environment);
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(CHILD_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(label + " did not finish within " + CHILD_LIMIT.toSeconds() + " s: hung, or a jar it"
          + " reads was rebuilt under it");
    }
    long end = System.nanoTime();
    int status = process.exitValue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (status != 0 || !LoopbackTlsTokenServer.isToken(out)) {
      throw new IOException(label + " failed (exit " + status + "): stdout [" + out + "], stderr [" + err + "]");
    }
    return (end - start) / 1e6;
  }
}
