package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --version}, {@code --help}, each command's {@code --help} and a configuration error load no
 * HTTP or JSON class: each runs in a fresh JVM whose class loading is logged. The last case proves
 * the check can fail: a real {@code token} run loads exactly such classes.
 */
class MainClassLoadingTest {
  /** Class name prefixes that mean HTTP or JSON machinery (ours included) was loaded. */
  static final List<String> HTTP_OR_JSON = List.of("java.net.http.", "jdk.internal.net.http.",
      "java.net.HttpURLConnection", "javax.net.ssl.HttpsURLConnection", "sun.net.www.protocol.http.",
      "sun.net.www.protocol.https.", "com.sun.net.httpserver.", "sun.net.httpserver.", "com.google.gson.",
      "com.fasterxml.jackson.", "io.github.osdatahub.oauth2.gson.", "io.github.osdatahub.oauth2.jackson.",
      "io.github.osdatahub.oauth2.jdk.", "io.github.osdatahub.oauth2.testkit.",
      "io.github.osdatahub.oauth2.HttpUrlConnectionTransport", "io.github.osdatahub.oauth2.spi.");

  @TempDir
  Path dir;

  @Test
  void versionLoadsNoHttpOrJsonClass() throws Exception {
    assertThat(httpOrJsonClassesLoadedBy(Map.of(), "--version")).isEmpty();
  }

  @Test
  void helpLoadsNoHttpOrJsonClass() throws Exception {
    assertThat(httpOrJsonClassesLoadedBy(Map.of(), "--help")).isEmpty();
  }

  @Test
  void eachCommandsHelpLoadsNoHttpOrJsonClass() throws Exception {
    for (Command command : Commands.standard()) {
      assertThat(httpOrJsonClassesLoadedBy(Map.of(), command.name(), "--help")).as(command.name() + " --help")
          .isEmpty();
    }
  }

  @Test
  void aConfigurationErrorLoadsNoHttpOrJsonClass() throws Exception {
    assertThat(httpOrJsonClassesLoadedBy(Map.of(), "token")).isEmpty(); // no credentials: exit 2
  }

  @Test
  void theCheckSeesTheClassesARealTokenRunLoads() throws Exception {
    try (FakeOsDataHub hub = FakeOsDataHub.start()) {
      List<String> loaded = httpOrJsonClassesLoadedBy(CliRun.envFor(hub), "token");

      assertThat(loaded).contains("java.net.HttpURLConnection", "com.google.gson.stream.JsonReader",
          "io.github.osdatahub.oauth2.HttpUrlConnectionTransport");
      assertThat(loaded).noneMatch(name -> name.startsWith("java.net.http.")); // the token needs no HttpClient
    }
  }

  /** Runs the command in a new JVM on this test's class path; the forbidden classes it loaded. */
  private List<String> httpOrJsonClassesLoadedBy(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "classes", ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("output.txt").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("OS_") || name.endsWith("JAVA_OPTIONS")
        || name.equals("JAVA_TOOL_OPTIONS"));
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ended").isTrue();
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .map(line -> line.substring(line.indexOf(']', line.indexOf("class,load")) + 1).strip())
        .map(line -> line.split(" ", 2)[0])
        .filter(name -> HTTP_OR_JSON.stream().anyMatch(name::startsWith))
        .collect(Collectors.toList());
  }
}
