package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code os-oauth2 relay} over HTTP, pointed at the fake through OS_OAUTH2_TOKEN_URL. */
class RelayCommandTest {
  @RegisterExtension
  static FakeOsDataHubExtension hub = FakeOsDataHubExtension.create();

  @Test
  void relaysTokensForTheProjectAndPointsThePagesAtTheTokensOrigin() throws Exception {
    try (ServingCommandRun run = new ServingCommandRun(CliRun.envFor(hub.get()), RelayCommand::new, "relay")) {
      run.awaitOutput("tiles from");
      URI page = URI.create(run.printedUrl("map (Leaflet)"));
      assertThat(run.printedUrl("tiles from")).isEqualTo(hub.baseUri().toString());
      assertThat(run.out()).contains("Ctrl-C", page.resolve("os-token").toString(),
          page.resolve("os-oauth2/os-oauth2.js").toString());

      HttpResponse<String> config = MapDemoCommandTest.get(page.resolve("map-config.json"), Map.of());
      assertThat(config.body()).contains("\"apiBase\":\"" + hub.baseUri() + "\"",
          "\"hosts\":[\"127.0.0.1:" + hub.get().port() + "\"]");
      HttpResponse<String> index = MapDemoCommandTest.get(page, Map.of());
      HttpResponse<String> token = MapDemoCommandTest.get(page.resolve("os-token"), Map.of());
      Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(token.body());
      assertThat(m.find()).as(token.body()).isTrue();
      HttpResponse<String> tile = MapDemoCommandTest.get(hub.rasterTileUri("Road_3857", 14, 8140, 5466),
          Map.of("Authorization", "Bearer " + m.group(1)));
      HttpResponse<String> foreign = MapDemoCommandTest.get(page.resolve("os-token"),
          Map.of("Origin", "http://127.0.0.1:" + hub.get().port()));

      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(tile.statusCode()).isEqualTo(200);
      assertThat(foreign.statusCode()).as("the fake's own origin is another origin").isEqualTo(403);
      assertThat(hub.tokenRequestCount()).as("one token, fetched at start and relayed from the cache").isEqualTo(1);
      assertThat(config.body() + index.body() + token.body() + run.out() + run.err()).doesNotContain(hub.secret());
      assertThat(run.stop()).isZero();
      assertThat(run.out()).endsWith("Stopped." + System.lineSeparator());
    }
  }

  @Test
  void wrongCredentialsEndItBeforeItServes() throws Exception {
    try (ServingCommandRun run = new ServingCommandRun(CliRun.envWithSecret(hub.get(), "wrong-secret"), RelayCommand::new,
        "relay")) {
      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).hasLineCount(1).doesNotContain("wrong-secret");
    }
  }

  @Test
  void missingCredentialsAreAUsageError() {
    CliRun run = CliRun.run(Map.of(), "relay");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no API key");
  }

  @Test
  void helpSaysWhatItServesAndWhichVariablesItReads() {
    CliRun run = CliRun.run(Map.of(), "relay", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: os-oauth2 relay [--port N] [--key KEY] [--secret-file FILE]")
        .contains("/os-token", "https://api.os.uk", "Ctrl-C", "OS_PROJECT_API_SECRET", "OS_OAUTH2_TOKEN_URL",
            "  3  the token endpoint rejected the credentials");
  }

  @Test
  void thePagesUseApiOsUkUnlessTheTokenEndpointIsOverridden() {
    assertThat(RelayCommand.apiOrigin(Configuration.DEFAULT_TOKEN_URL)).isEqualTo(URI.create("https://api.os.uk"));
    assertThat(MapPageSettings.forApi(URI.create("https://api.os.uk"), "").hosts()).containsExactly("api.os.uk");
    assertThat(RelayCommand.apiOrigin(URI.create("https://gateway.example.com:8443/oauth2/token/v1")))
        .isEqualTo(URI.create("https://gateway.example.com:8443"));
    assertThat(MapPageSettings.forApi(URI.create("https://gateway.example.com:8443"), "").hosts())
        .containsExactly("gateway.example.com:8443");
  }
}
