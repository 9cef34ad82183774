package io.github.osdatahub.oauth2.benchmarks.coldstart;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every variant the benchmark knows, each with exactly the class path its program needs (as an
 * application's build would give it), taken from the benchmarks module's runtime class path as
 * Maven resolved it ({@code coldstart-classpath.txt}, written by the build).
 */
final class Variants {
  /** The variant every other is compared with. */
  static final String BASELINE = "bare-urlconnection";
  /** Variants measured only when asked for by id, or with {@code all}. */
  private static final Set<String> EXTRA = Set.of("sdk-urlconnection-jackson", "sdk-urlconnection-gson-instance");

  private static final List<String> SDK = List.of("os-oauth2-core", "os-oauth2-gson", "gson");

  private final List<Variant> all = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  private Variants() {}

  static Variants load(ColdStartBenchmark.Settings settings, LoopbackTlsTokenServer endpoint) throws IOException {
    List<Path> classpath = Arrays.stream(Files.readString(settings.classpathFile(), StandardCharsets.UTF_8).strip()
        .split(File.pathSeparator)).map(Path::of).collect(Collectors.toList());
    Variants v = new Variants();
    String java = settings.java().toString();
    String url = endpoint.tokenUri().toString();
    Map<String, String> env = Map.of("JDK_JAVA_OPTIONS", endpoint.trustOptions(),
        "OS_PROJECT_API_KEY", LoopbackTlsTokenServer.KEY, "OS_PROJECT_API_SECRET", LoopbackTlsTokenServer.SECRET,
        "OS_OAUTH2_TOKEN_URL", url);
    String classes = settings.classes().toAbsolutePath().toString();
    v.program("bare-urlconnection", "bare `HttpURLConnection`", java, classes, classpath, List.of(),
        BareHttpUrlConnectionToken.class, url, env);
    v.program("bare-httpclient", "bare `java.net.http.HttpClient`", java, classes, classpath, List.of(),
        BareHttpClientToken.class, url, env);
    v.program("sdk-urlconnection", "SDK, `HttpUrlConnectionTransport`, Gson", java, classes, classpath, SDK,
        SdkOverHttpUrlConnection.class, url, env);
    v.program("sdk-jdk", "SDK, `JdkHttpTransport`, Gson", java, classes, classpath, with("os-oauth2-jdk"),
        SdkOverJdkHttpClient.class, url, env);
    v.program("sdk-okhttp", "SDK, `OkHttpTransport`, Gson", java, classes, classpath,
        with("os-oauth2-okhttp", "okhttp-jvm", "okio-jvm", "kotlin-stdlib", "annotations"), SdkOverOkHttp.class,
        url, env);
    v.program("sdk-apache", "SDK, `ApacheHttpTransport`, Gson", java, classes, classpath,
        with("os-oauth2-apache", "httpclient5", "httpcore5", "httpcore5-h2", "slf4j-api"), SdkOverApache.class,
        url, env);
    v.program("sdk-urlconnection-jackson", "SDK, `HttpUrlConnectionTransport`, Jackson", java, classes, classpath,
        List.of("os-oauth2-core", "os-oauth2-jackson", "jackson-databind", "jackson-core", "jackson-annotations"),
        SdkOverHttpUrlConnectionJackson.class, url, env);
    v.program("sdk-urlconnection-gson-instance",
        "SDK, `HttpUrlConnectionTransport`, `GsonJsonCodec.create(new Gson())`", java, classes, classpath, SDK,
        SdkOverHttpUrlConnectionWithAGson.class, url, env);
    Path jar = settings.cliJar();
    if (Files.isRegularFile(jar)) {
      v.all.add(new Variant("cli", "`os-oauth2 token` (`java -jar os-oauth2.jar`)",
          List.of(java, "-jar", jar.toAbsolutePath().toString(), "token"), env));
    } else {
      v.skipped.add("`os-oauth2 token`: no " + jar + " (build os-oauth2-cli first)");
    }
    Path launcher = settings.cliLauncher();
    if (Files.isExecutable(launcher)) {
      v.all.add(new Variant("cli-cds", "`os-oauth2 token` (CDS launcher)",
          List.of(launcher.toAbsolutePath().toString(), "token"), launcherEnv(env, settings)));
    } else {
      v.skipped.add("`os-oauth2 token` with class-data sharing: no " + launcher);
    }
    return v;
  }

  /** The launcher runs the {@code java} on the PATH, unless told which. */
  private static Map<String, String> launcherEnv(Map<String, String> env, ColdStartBenchmark.Settings settings) {
    Map<String, String> e = new java.util.HashMap<>(env);
    e.put("JAVA_HOME", settings.java().toAbsolutePath().getParent().getParent().toString());
    return Map.copyOf(e);
  }

  private static List<String> with(String... more) {
    List<String> artifacts = new ArrayList<>(SDK);
    artifacts.addAll(List.of(more));
    return artifacts;
  }

  private void program(String id, String label, String java, String classes, List<Path> classpath,
      List<String> artifacts, Class<?> main, String url, Map<String, String> env) {
    StringBuilder cp = new StringBuilder(classes);
    for (String artifact : artifacts) {
      cp.append(File.pathSeparator).append(find(classpath, artifact));
    }
    all.add(new Variant(id, label, List.of(java, "-cp", cp.toString(), main.getName(), url), env));
  }

  /** The jar of an artifact (name, a dash, its version) or a reactor module's classes directory. */
  private static String find(List<Path> classpath, String artifact) {
    for (Path p : classpath) {
      String name = p.getFileName().toString();
      boolean jar = name.startsWith(artifact + "-") && name.length() > artifact.length() + 1
          && Character.isDigit(name.charAt(artifact.length() + 1)) && name.endsWith(".jar");
      boolean module = name.equals("classes") && p.getParent() != null && p.getParent().getParent() != null
          && p.getParent().getParent().getFileName().toString().equals(artifact);
      if (jar || module) {
        return p.toAbsolutePath().toString();
      }
    }
    throw new IllegalStateException(artifact + " is not on the benchmarks module's runtime class path");
  }

  /** The variants {@code ids} names (comma separated), or every one but the extra ones when empty. */
  List<Variant> selected(String ids) {
    if (ids.isBlank()) {
      return all.stream().filter(v -> !EXTRA.contains(v.id())).collect(Collectors.toList());
    }
    if (ids.strip().equals("all")) {
      return List.copyOf(all);
    }
    List<String> wanted = Arrays.stream(ids.split(",")).map(String::strip).collect(Collectors.toList());
    if (!wanted.contains(BASELINE)) {
      wanted.add(0, BASELINE); // every ratio needs it
    }
    List<Variant> chosen = new ArrayList<>();
    for (String id : wanted) {
      chosen.add(all.stream().filter(v -> v.id().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no variant " + id + ", or it was not found: " + skipped)));
    }
    return chosen;
  }

  List<String> skipped() {
    return List.copyOf(skipped);
  }
}
