package io.github.osdatahub.oauth2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.AccessToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests tools/ApiDump.java, the public API check each published module runs in "verify": on core's real
 * classes, through the source launcher as the build runs it, and on small modules compiled here, one kind
 * of API change at a time.
 */
class ApiDumpTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path TOOL = ROOT.resolve("tools/ApiDump.java");
  private static final String UPDATE_CORE = "./mvnw -B -pl os-oauth2-core -am verify -DskipTests -Dapi.update";

  @TempDir
  static Path temp;

  private static Method run;
  private static Path unchangedClasses;

  @BeforeAll
  static void compileTheTool() throws Exception {
    Path out = Files.createDirectories(temp.resolve("tool"));
    compile(out, List.of(TOOL));
    @SuppressWarnings("resource") // the loader must stay open while the tests call into it
    URLClassLoader loader = new URLClassLoader(new java.net.URL[] {out.toUri().toURL()}, null);
    run = loader.loadClass("ApiDump").getMethod("run", String[].class, PrintStream.class);
    unchangedClasses = compileModule(temp.resolve("unchanged"), MODULE);
  }

  @Test
  void coreMatchesItsCommittedDump() throws Exception {
    Result result = run("check", "os-oauth2-core", ROOT, ROOT.resolve("os-oauth2-core"), coreClasses());

    assertThat(result.output()).contains("API dump: os-oauth2-core matches os-oauth2-core/api/os-oauth2-core.api");
    assertThat(result.status()).isZero();
  }

  @Test
  void aChangedSignatureFailsWithTheMemberAndTheUpdateCommand() throws Exception {
    // A copy of the repository's layout whose core dump has one signature changed.
    Path root = Files.createDirectories(temp.resolve("changed-dump"));
    Path dump = Files.createDirectories(root.resolve("os-oauth2-core/api")).resolve("os-oauth2-core.api");
    String committed = Files.readString(ROOT.resolve("os-oauth2-core/api/os-oauth2-core.api"));
    assertThat(committed).contains("  public java.time.Duration lifetime()\n");
    Files.writeString(dump, committed.replace("  public java.time.Duration lifetime()\n",
        "  public java.time.Duration lifetime(int)\n"));

    // As the build runs it: the JDK's source launcher, in a process of its own, which must exit non-zero.
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", TOOL.toString(), "--update=false", "os-oauth2-core", root.toString(),
        root.resolve("os-oauth2-core").toString(), coreClasses().toString(), "")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isEqualTo(1);
    assertThat(output)
        .contains("the public API of os-oauth2-core differs from os-oauth2-core/api/os-oauth2-core.api")
        .contains("- public java.time.Duration lifetime(int)    [in io.github.osdatahub.oauth2.AccessToken]")
        .contains("+ public java.time.Duration lifetime()    [in io.github.osdatahub.oauth2.AccessToken]")
        .contains(UPDATE_CORE);
    assertThat(output.lines().filter(line -> line.startsWith("- ") || line.startsWith("+ "))).hasSize(2);
  }

  @Test
  void everyPublishedModuleWithCodeHasADump() throws Exception {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(m -> m.getFileName().toString().startsWith("os-oauth2-")).toList()) {
        String artifactId = module.getFileName().toString();
        boolean hasCode = Files.isDirectory(module.resolve("src/main/java"));
        if (hasCode != Files.exists(module.resolve("api/" + artifactId + ".api"))) {
          missing.add(artifactId);
        }
      }
    }
    assertThat(missing).as("modules whose api/<artifactId>.api is missing or stale").isEmpty();
  }

  // ---------------------------------------------------------------- each kind of change, on a module made here

  private static final Map<String, String> MODULE = Map.of(
      "module-info.java", "module m { exports p; }",
      "p/Api.java", """
          package p;
          public class Api {
            public static final int LIMIT = 5;
            public String name(int x) { return ""; }
            protected void hook() {}
            private void secret() {}
          }
          """,
      "q/Hidden.java", """
          package q;
          public class Hidden {
            public void work() {}
          }
          """);

  static Stream<Arguments> apiChanges() {
    return Stream.of(
        change("a removed method", "p/Api.java", "public String name(int x) { return \"\"; }", "",
            "- public String name(int)"),
        change("a changed parameter type", "p/Api.java", "name(int x)", "name(long x)",
            "+ public String name(long)"),
        change("a changed return type", "p/Api.java", "public String name", "public Object name",
            "+ public Object name(int)"),
        change("protected made public", "p/Api.java", "protected void hook()", "public void hook()",
            "+ public void hook()"),
        change("a new throws", "p/Api.java", "name(int x) {", "name(int x) throws java.io.IOException {",
            "+ public String name(int) throws java.io.IOException"),
        change("a class made final", "p/Api.java", "public class Api", "public final class Api",
            "+ public final class p.Api"),
        change("a new public method", "p/Api.java", "protected void hook() {}",
            "protected void hook() {}\n  public void added() {}", "+ public void added()"),
        change("a changed constant", "p/Api.java", "LIMIT = 5", "LIMIT = 6",
            "+ public static final int LIMIT = 6"),
        change("a new export", "module-info.java", "exports p;", "exports p; exports q;", "+ exports q"));
  }

  static Stream<Arguments> notApiChanges() {
    return Stream.of(
        change("a change in a package not exported", "q/Hidden.java", "public void work() {}",
            "public int work(String s) { return 0; }\n  public void more() {}", null),
        change("a changed private member", "p/Api.java", "private void secret() {}",
            "private int secret(String s) { return 0; }", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apiChanges")
  void everyKindOfApiChangeFailsTheCheck(String name, Map<String, String> changed, String expectedLine)
      throws Exception {
    Path root = dumpOfTheUnchangedModule(name);
    Result result = run("check", "m", root, root.resolve("m"), compileModule(root.resolve("changed"), changed));

    assertThat(result.status()).as(result.output()).isEqualTo(1);
    assertThat(result.output().lines()).as(result.output()).anyMatch(line -> line.startsWith(expectedLine));
    assertThat(result.output()).contains("./mvnw -B -pl m -am verify -DskipTests -Dapi.update");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notApiChanges")
  void changesOutsideTheApiPassTheCheck(String name, Map<String, String> changed, String unused)
      throws Exception {
    Path root = dumpOfTheUnchangedModule(name);
    Result result = run("check", "m", root, root.resolve("m"), compileModule(root.resolve("changed"), changed));

    assertThat(result.status()).as(result.output()).isZero();
  }

  /** A directory holding m/api/m.api, written by the tool's update mode from {@link #MODULE} as it is. */
  private static Path dumpOfTheUnchangedModule(String name) throws Exception {
    Path root = Files.createDirectories(temp.resolve(name.replace(' ', '-')));
    Result update = run("update", "m", root, root.resolve("m"), unchangedClasses);
    assertThat(update.status()).as(update.output()).isZero();
    assertThat(Files.readString(root.resolve("m/api/m.api")))
        .contains("public class p.Api", "  public String name(int)", "  protected void hook()",
            "  public static final int LIMIT = 5")
        .doesNotContain("Hidden", "secret");
    return root;
  }

  private static Arguments change(String name, String file, String from, String to, String expectedLine) {
    Map<String, String> sources = new LinkedHashMap<>(MODULE);
    assertThat(sources.get(file)).contains(from);
    sources.put(file, sources.get(file).replace(from, to));
    return Arguments.of(name, sources, expectedLine);
  }

  private static Path compileModule(Path dir, Map<String, String> sources) throws Exception {
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = dir.resolve("src").resolve(source.getKey());
      Files.createDirectories(file.getParent());
      files.add(Files.writeString(file, source.getValue()));
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    compile(classes, files);
    return classes;
  }

  private static void compile(Path out, List<Path> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-nowarn"));
    sources.forEach(source -> args.add(source.toString()));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, args.toArray(new String[0]));
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
  }

  /** Core's classes as this test sees them: target/classes or the jar, as the reactor resolved them. */
  private static Path coreClasses() throws Exception {
    return Path.of(AccessToken.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Result run(String mode, String artifactId, Path root, Path module, Path classes)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    String[] args = {mode, artifactId, root.toString(), module.toString(), classes.toString(), ""};
    int status = (Integer) run.invoke(null, args, out);
    return new Result(status, bytes.toString(StandardCharsets.UTF_8));
  }

  private record Result(int status, String output) {}
}
