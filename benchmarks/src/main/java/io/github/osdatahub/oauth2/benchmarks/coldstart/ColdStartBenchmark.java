package io.github.osdatahub.oauth2.benchmarks.coldstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Time to first token in a fresh JVM: starts an https token endpoint on loopback with a
 * certificate made at run time, then runs rounds in which every variant is launched once, in a
 * shuffled order, as a new process, timed from its start to its exit with the token printed. Prints
 * the median and spread of each variant and its ratio to the bare {@code HttpURLConnection}
 * program, both as a ratio of medians and as the median of the per-round (paired) ratios. Not JMH:
 * what is measured is the JVM's start, so every sample is a new JVM.
 *
 * <p>Run from the repository root after {@code ./mvnw -B -q -pl os-oauth2-cli,benchmarks -am package -DskipTests}:
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.osdatahub.oauth2.benchmarks.coldstart.ColdStartBenchmark}.
 * System properties: {@code coldstart.rounds} (default 30), {@code coldstart.warmup} (rounds run
 * first and not counted, default 2), {@code coldstart.seed}, {@code coldstart.variants} (ids, comma
 * separated; default every variant but the extra ones; {@code all} for those too),
 * {@code coldstart.java} (the {@code java} the children run, default this JVM's), and the paths
 * {@code coldstart.classpathFile}, {@code coldstart.classes}, {@code coldstart.cliJar} and
 * {@code coldstart.cliLauncher}, relative to the working directory.
 */
public final class ColdStartBenchmark {
  private ColdStartBenchmark() {}

  /** What to run, and where the pieces are. */
  record Settings(int rounds, int warmup, long seed, String variants, Path java, Path classpathFile, Path classes,
      Path cliJar, Path cliLauncher) {
    static Settings fromSystemProperties() {
      return new Settings(Integer.getInteger("coldstart.rounds", 30), Integer.getInteger("coldstart.warmup", 2),
          Long.getLong("coldstart.seed", 17L), System.getProperty("coldstart.variants", ""),
          Path.of(System.getProperty("coldstart.java", Path.of(System.getProperty("java.home"), "bin", "java")
              .toString())),
          Path.of(System.getProperty("coldstart.classpathFile", "benchmarks/target/coldstart-classpath.txt")),
          Path.of(System.getProperty("coldstart.classes", "benchmarks/target/classes")),
          Path.of(System.getProperty("coldstart.cliJar", "os-oauth2-cli/target/os-oauth2.jar")),
          Path.of(System.getProperty("coldstart.cliLauncher", "os-oauth2-cli/target/os-oauth2")));
    }
  }

  /** The samples of one run: milliseconds per variant id, in round order, and the variants left out. */
  record Result(List<Variant> variants, Map<String, List<Double>> millis, List<String> skipped) {}

  /**
   * @param args none; see the class comment for the system properties
   * @throws Exception when a child fails or the endpoint cannot start
   */
  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true"); // before the server's classes load: no 40 ms ACK waits
    Settings settings = Settings.fromSystemProperties();
    String loadBefore = loadAverage();
    Result result = run(settings, System.err);
    System.out.println(report(settings, result, loadBefore, loadAverage()));
  }

  /**
   * Starts the endpoint, runs the warm-up and measured rounds, and stops the endpoint.
   *
   * @param settings what to run
   * @param progress where one line per round goes
   * @return the samples
   * @throws Exception when a child fails or the endpoint cannot start
   */
  static Result run(Settings settings, java.io.PrintStream progress) throws Exception {
    try (LoopbackTlsTokenServer endpoint = LoopbackTlsTokenServer.start(javaHome(settings.java()).toString())) {
      Variants catalogue = Variants.load(settings, endpoint);
      List<Variant> variants = catalogue.selected(settings.variants());
      Map<String, List<Double>> millis = new LinkedHashMap<>();
      variants.forEach(v -> millis.put(v.id(), new ArrayList<>()));
      Random random = new Random(settings.seed());
      for (int round = -settings.warmup(); round < settings.rounds(); round++) {
        List<Variant> order = new ArrayList<>(variants);
        Collections.shuffle(order, random);
        for (Variant v : order) {
          double ms = v.launch(endpoint);
          if (round >= 0) {
            millis.get(v.id()).add(ms);
          }
        }
        progress.println(round < 0 ? "warm-up round done" : "round " + (round + 1) + "/" + settings.rounds() + " done");
      }
      return new Result(variants, millis, catalogue.skipped());
    }
  }

  /** The markdown table and the conditions it was measured in. */
  static String report(Settings settings, Result result, String loadBefore, String loadAfter) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Cold start, %s, %d rounds (+%d warm-up), seed %d, %d cores, children on Java %s"
        + " (%s), load average %s before and %s after%n%n", Instant.now(), settings.rounds(), settings.warmup(),
        settings.seed(), Runtime.getRuntime().availableProcessors(), runtimeVersion(javaHome(settings.java())),
        settings.java(), loadBefore, loadAfter));
    b.append("| variant | median ms | p10 | p90 | × baseline (medians) | × baseline (paired, median) |\n");
    b.append("|---|---|---|---|---|---|\n");
    List<Double> baseline = result.millis().get(Variants.BASELINE);
    double baselineMedian = baseline == null ? Double.NaN : percentile(baseline, 0.5);
    for (Variant v : result.variants()) {
      List<Double> samples = result.millis().get(v.id());
      double median = percentile(samples, 0.5);
      List<Double> paired = new ArrayList<>();
      for (int i = 0; baseline != null && i < samples.size(); i++) {
        paired.add(samples.get(i) / baseline.get(i));
      }
      b.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.2f | %.2f |%n", v.label(), median,
          percentile(samples, 0.1), percentile(samples, 0.9), median / baselineMedian,
          paired.isEmpty() ? Double.NaN : percentile(paired, 0.5)));
    }
    for (String s : result.skipped()) {
      b.append("\nNot run: ").append(s);
    }
    return b.append('\n').toString();
  }

  /** Nearest-rank percentile. */
  static double percentile(List<Double> samples, double p) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static Path javaHome(Path java) {
    return java.toAbsolutePath().getParent().getParent();
  }

  /** The JDK's JAVA_RUNTIME_VERSION, from its {@code release} file. */
  private static String runtimeVersion(Path javaHome) {
    try {
      for (String line : Files.readAllLines(javaHome.resolve("release"), StandardCharsets.UTF_8)) {
        if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
          return line.substring(line.indexOf('=') + 1).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // reported as unknown
    }
    return "unknown";
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
      return fields[0] + "/" + fields[1] + "/" + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
