package io.github.osdatahub.oauth2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import io.github.osdatahub.oauth2.testkit.RecordedRequest;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The root README's quickstart snippets, compiled from the README's own text and run against an
 * embedded {@link FakeOsDataHub}, so a snippet that stops compiling or working fails the build.
 *
 * <p>Only what must differ on loopback is rewritten, each rule below: the credentials and endpoint
 * become the fake's, {@code https://api.os.uk} becomes the fake's address, and the integration is
 * given the fake's scope (the default scope is {@code api.os.uk} only).
 */
class RootReadmeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final String IMPORTS = String.join("\n",
      "import io.github.osdatahub.oauth2.*;",
      "import io.github.osdatahub.oauth2.apache.*;",
      "import io.github.osdatahub.oauth2.jdk.*;",
      "import io.github.osdatahub.oauth2.okhttp.*;",
      "import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;",
      "import java.net.URI;",
      "import java.net.http.HttpClient;",
      "import java.net.http.HttpRequest;",
      "import java.net.http.HttpResponse;",
      "import okhttp3.OkHttpClient;",
      "import okhttp3.Request;",
      "import okhttp3.Response;",
      "import org.apache.hc.client5.http.classic.methods.HttpGet;",
      "import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;",
      "import org.apache.hc.client5.http.impl.classic.HttpClients;",
      "import org.apache.hc.core5.http.io.entity.EntityUtils;");

  static Stream<String> quickstartSnippets() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    List<String> snippets = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    while (m.find()) {
      if (m.group(1).contains("ProjectCredentials.fromEnvironment()")) {
        snippets.add(m.group(1));
      }
    }
    assertThat(snippets).as("quickstart snippets in the root README").hasSizeGreaterThanOrEqualTo(3);
    return snippets.stream();
  }

  @ParameterizedTest
  @MethodSource("quickstartSnippets")
  void compilesAndPutsATokenOnANamesRequest(String snippet, @TempDir Path dir) throws Exception {
    try (FakeOsDataHub hub = FakeOsDataHub.start()) {
      Path source = dir.resolve("readme/Snippet.java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, "package readme;\n" + IMPORTS + "\npublic class Snippet {\n"
          + "  public static void run(FakeOsDataHub hub) throws Exception {\n" + onLoopback(snippet) + "\n  }\n}\n");
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      int status = javac.run(null, null, null, "-classpath", classPath, "-d", dir.toString(), source.toString());
      assertThat(status).as("javac of the README snippet:\n%s", snippet).isZero();

      try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
        loader.loadClass("readme.Snippet").getMethod("run", FakeOsDataHub.class).invoke(null, hub);
      }

      assertThat(hub.tokenRequestCount()).isEqualTo(1);
      RecordedRequest names = hub.apiRequests().get(hub.apiRequests().size() - 1);
      assertThat(names.path()).isEqualTo("/search/names/v1/find");
      assertThat(names.header("Authorization")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer "));
    }
  }

  /** The snippet as it runs against the fake: see the class doc for each rule. */
  static String onLoopback(String snippet) {
    return snippet
        .replace("OsOAuth2.tokenProvider(ProjectCredentials.fromEnvironment())",
            "OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri()).build()")
        .replace("OsOAuth2.builder(ProjectCredentials.fromEnvironment())",
            "OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri())")
        .replace("\"https://api.os.uk/", "hub.baseUri() + \"/")
        .replaceAll("OsDataHubHttpClient\\.create\\(provider, (.*?)\\);",
            "OsDataHubHttpClient.create(provider, $1, hub.tokenScope());")
        .replaceAll("(OsDataHubInterceptor|OsDataHubExecChain)\\.installOn\\((.*?), provider\\)",
            "$1.installOn($2, provider, hub.tokenScope())");
  }
}
