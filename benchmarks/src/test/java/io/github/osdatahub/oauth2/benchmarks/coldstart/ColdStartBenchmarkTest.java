package io.github.osdatahub.oauth2.benchmarks.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One round of the cold-start benchmark, every variant once, so that it cannot rot: each child
 * JVM must get a token over https from the loopback endpoint and print it. It times nothing.
 */
class ColdStartBenchmarkTest {
  @Test
  void oneRoundRunsEveryVariantAndReportsIt() throws Exception {
    Path cliJar = Path.of("../os-oauth2-cli/target/os-oauth2.jar");
    Path launcher = Path.of("../os-oauth2-cli/target/os-oauth2");
    ColdStartBenchmark.Settings settings = new ColdStartBenchmark.Settings(1, 0, 1L, "all",
        Path.of(System.getProperty("java.home"), "bin", "java"), Path.of("target/coldstart-classpath.txt"),
        Path.of("target/classes"), cliJar, launcher);

    ColdStartBenchmark.Result result = ColdStartBenchmark.run(settings, new PrintStream(OutputStream.nullOutputStream()));

    List<String> ran = result.variants().stream().map(Variant::id).collect(Collectors.toList());
    assertThat(ran).contains("bare-urlconnection", "bare-httpclient", "sdk-urlconnection", "sdk-jdk", "sdk-okhttp",
        "sdk-apache", "sdk-urlconnection-jackson", "sdk-urlconnection-gson-instance");
    if (Files.isRegularFile(cliJar)) { // built before this module in a reactor build, which this test depends on
      assertThat(ran).contains("cli");
    }
    if (Files.isExecutable(launcher)) {
      assertThat(ran).contains("cli-cds");
    }
    assertThat(result.millis().values()).allSatisfy(samples -> assertThat(samples).hasSize(1).allMatch(ms -> ms > 0));
    String report = ColdStartBenchmark.report(settings, result, "-", "-");
    for (Variant v : result.variants()) {
      assertThat(report).contains("| " + v.label() + " |");
    }
  }

  @Test
  void percentilesAreNearestRank() {
    List<Double> samples = List.of(10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0);

    assertThat(ColdStartBenchmark.percentile(samples, 0.1)).isEqualTo(1.0);
    assertThat(ColdStartBenchmark.percentile(samples, 0.5)).isEqualTo(5.0);
    assertThat(ColdStartBenchmark.percentile(samples, 0.9)).isEqualTo(9.0);
  }
}
