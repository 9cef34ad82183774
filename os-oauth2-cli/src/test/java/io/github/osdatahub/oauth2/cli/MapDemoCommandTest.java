package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code os-oauth2 map-demo} over HTTP, without a browser: what a browser would get from it. */
class MapDemoCommandTest {
  private static final String SECRET = "mapDemoTestSecret42";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void servesThePagesTheirLibrariesTheScriptAndTheRelayAndNeverTheSecret() throws Exception {
    List<String> served = new ArrayList<>();
    try (ServingCommandRun run = new ServingCommandRun(Map.of(), stop -> new MapDemoCommand(stop, SECRET), "map-demo")) {
      run.awaitOutput("fake OS API");
      URI page = URI.create(run.printedUrl("Leaflet"));
      URI fake = URI.create(run.printedUrl("fake OS API"));
      assertThat(run.out()).contains("Ctrl-C", page.resolve("openlayers.html").toString());
      assertThat(page.getPort()).as("pages and fake on different origins").isNotEqualTo(fake.getPort());

      HttpResponse<String> index = get(page, Map.of());
      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(index.headers().firstValue("Content-Security-Policy")).get().asString()
          .contains("script-src 'self';", "connect-src 'self' " + fake);
      HttpResponse<String> openLayers = get(page.resolve("openlayers.html"), Map.of());
      assertThat(openLayers.statusCode()).isEqualTo(200);
      served.add(index.body());
      served.add(openLayers.body());

      for (String path : referencedFiles(index.body() + openLayers.body())) {
        HttpResponse<String> file = get(page.resolve(path), Map.of());
        assertThat(file.statusCode()).as(path).isEqualTo(200);
        served.add(file.body());
      }
      assertThat(get(page.resolve("webjars/leaflet/dist/leaflet.js"), Map.of()).body()).contains("Leaflet 1.9.4");
      assertThat(get(page.resolve("webjars/openlayers/ol.js"), Map.of()).body()).startsWith("!function(t,e)");
      HttpResponse<String> script = get(page.resolve("os-oauth2/os-oauth2.js"), Map.of());
      assertThat(script.body()).isEqualTo(classpathScript());
      served.add(script.body());

      HttpResponse<String> config = get(page.resolve("map-config.json"), Map.of());
      assertThat(config.body()).contains("\"relay\":\"/os-token\"", "\"apiBase\":\"" + fake + "\"",
          "\"hosts\":[\"127.0.0.1:" + fake.getPort() + "\"]");
      served.add(config.body());

      HttpResponse<String> token = get(page.resolve("os-token"), Map.of());
      assertThat(token.statusCode()).isEqualTo(200);
      assertThat(token.headers().firstValue("Cache-Control")).hasValue("no-store");
      Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\",\"expires_in\":\"(\\d+)\"").matcher(token.body());
      assertThat(m.find()).as(token.body()).isTrue();
      assertThat(Integer.parseInt(m.group(2))).isBetween(1, 6);
      served.add(token.body());
      HttpResponse<String> tile = get(fake.resolve("/maps/raster/v1/zxy/Road_3857/14/8140/5466.png"),
          Map.of("Authorization", "Bearer " + m.group(1)));
      assertThat(tile.statusCode()).as("the relay's token opens the fake's tiles").isEqualTo(200);

      assertThat(get(page.resolve("os-token"), Map.of("Origin", "https://maps.example.com")).statusCode())
          .as("a page of another origin").isEqualTo(403);

      assertThat(String.join("\n", served)).doesNotContain(SECRET);
      assertThat(run.stop()).isZero();
      assertThat(run.out()).endsWith("Stopped." + System.lineSeparator());
      assertThat(run.err()).isEmpty();
      assertThatThrownBy(() -> get(page, Map.of())).as("the port is closed once stopped").isInstanceOf(IOException.class);
    }
  }

  @Test
  void servesOnlyThePagesAndTheLibrariesFiles() throws Exception {
    try (ServingCommandRun run = new ServingCommandRun(Map.of(), stop -> new MapDemoCommand(stop, SECRET), "map-demo")) {
      run.awaitOutput("fake OS API");
      URI page = URI.create(run.printedUrl("Leaflet"));
      for (String path : List.of("/webjars/leaflet/1.9.4/dist/leaflet.js", "/webjars/leaflet/dist/../../../pom.xml",
          "/webjars/leaflet/dist/%2e%2e/LICENSE", "/..%2fMapPageServer.class", "/MapPageServer.class",
          "/webjars/openlayers/ol.js.map", "/no-such-page.html", "/map/index.html")) {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(page + path.substring(1))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(404);
      }
      HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(page).POST(HttpRequest.BodyPublishers.ofString("x"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
      run.stop();
    }
  }

  @Test
  void helpListsTheMapCommandsAndABadPortIsAUsageError() {
    CliRun help = CliRun.run(Map.of(), "--help");
    CliRun demoHelp = CliRun.run(Map.of(), "map-demo", "--help");
    CliRun badPort = CliRun.run(Map.of(), "map-demo", "--port", "70000");

    assertThat(help.out()).contains("  map-demo ", "  relay ", "Configuration (token, get, relay)");
    assertThat(demoHelp.out()).startsWith("Usage: os-oauth2 map-demo [--port N]")
        .contains("6 s tokens", "Ctrl-C", "no credentials").doesNotContain("OS_PROJECT_API_SECRET");
    assertThat(badPort.exitCode()).isEqualTo(2);
    assertThat(badPort.err()).contains("--port needs a number from 0 to 65535");
  }

  /** The local scripts and styles the pages name (src= and href= starting with /). */
  private static List<String> referencedFiles(String html) {
    List<String> files = new ArrayList<>();
    Matcher m = Pattern.compile("(?:src|href)=\"/([^\"]+\\.(?:js|css))\"").matcher(html);
    while (m.find()) {
      files.add(m.group(1));
    }
    assertThat(files).contains("webjars/leaflet/dist/leaflet.js", "webjars/openlayers/ol.js", "leaflet-page.js",
        "openlayers-page.js", "map-page.css");
    files.add("map-page.js"); // imported by the page modules
    return files;
  }

  private static String classpathScript() throws IOException {
    try (InputStream in = MapDemoCommandTest.class.getClassLoader()
        .getResourceAsStream("META-INF/resources/os-oauth2/os-oauth2.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static HttpResponse<String> get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
