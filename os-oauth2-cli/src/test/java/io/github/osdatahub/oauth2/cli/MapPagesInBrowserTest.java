package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialEncoding;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import io.github.osdatahub.oauth2.testkit.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map pages and os-oauth2.js in headless Chromium: the pages and the relay on one origin, the fake
 * OS on another (CORS for real), each page through a {@link TcpTap} of its own so that every byte the
 * browser received is kept and each page's relay calls are told apart. The two map pages run side by
 * side, in windows of their own, for at least three token lifetimes while the other checks run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MapPagesInBrowserTest {
  private static final Duration LIFETIME = MapDemoCommand.TOKEN_LIFETIME;
  /** At least three token lifetimes. */
  private static final Duration WATCH = LIFETIME.multipliedBy(3).plusSeconds(1);
  private static final Pattern RELAY_CALL = Pattern.compile("^GET /os-token HTTP/1\\.1$", Pattern.MULTILINE);
  private static final Pattern HANDED_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

  @TempDir
  static Path profile;

  private static String secret;
  private static FakeOsDataHub hub;
  private static CachingTokenProvider provider;
  private static TcpTap api;
  private static MapPageServer pages;
  private static final Map<String, TcpTap> taps = new TreeMap<>();
  private static HttpServer foreignSite;
  private static ChromeDriver browser;
  private static final Map<String, String> windows = new TreeMap<>();
  private static long watchStartedNanos;

  @BeforeAll
  static void openTheMapsAndLeaveThemRunning() throws IOException {
    if (!HeadlessChromium.present()) {
      return; // each test then skips (or fails, when the browser is required) with the reason
    }
    secret = "browserTestSecret" + Long.toUnsignedString(System.nanoTime(), 36);
    hub = FakeOsDataHub.builder().credentials(FakeOsDataHub.DEFAULT_KEY, secret).tokenLifetime(LIFETIME).start();
    provider = Configuration.tokenProvider(hub.credentials(), hub.tokenUri(), CredentialEncoding.RFC6749);
    api = TcpTap.to(hub.port());
    pages = MapPageServer.start(provider, MapPageSettings.forApi(api.origin(), "browser test"), 0,
        List.of(MapPageServer.PAGES, "map-checks/"));
    for (String page : List.of("leaflet", "openlayers", "checks", "relay-for-foreign-page")) {
      taps.put(page, TcpTap.to(pages.uri().getPort()));
    }
    foreignSite = foreignSite(taps.get("relay-for-foreign-page").origin().resolve("/os-token"));
    browser = HeadlessChromium.start(profile);
    windows.put("leaflet", browser.getWindowHandle());
    browser.get(taps.get("leaflet").origin() + "/?pan=1");
    watchStartedNanos = System.nanoTime();
    open("openlayers", taps.get("openlayers").origin() + "/openlayers.html?pan=1");
  }

  @BeforeEach
  void needsTheBrowser() {
    HeadlessChromium.assumePresent();
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
    if (foreignSite != null) {
      foreignSite.stop(0);
    }
    taps.values().forEach(TcpTap::close);
    for (AutoCloseable c : new AutoCloseable[] {pages, api, provider, hub}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // closing the rest matters more
      }
    }
  }

  @Test
  @Order(1)
  void theScriptsChecksPassInTheBrowser() {
    open("checks", taps.get("checks").origin() + "/adapter-checks.html");
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.checksDone === true")));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> results =
        (Map<String, Map<String, Object>>) browser.executeScript("return window.checkResults");

    assertThat(results).containsOnlyKeys("renewalDelayFollowsTheToldRemainingLifetime", "neverANegativeOrZeroTimer",
        "oneSourcePerRelayUrl", "oneRelayCallForManyConcurrentCallers", "renewsAheadAndOnlyThen",
        "renewsOnDemandWhenTimersRunLate", "aRelaySayingNoTimeLeftMakesNoLoop", "retriesA503AfterItsRetryAfter",
        "backoffIsJitteredAndCapped", "givesUpAfterItsRetriesThenWaitsBeforeAskingAgain", "aRefusalIsNotRetried",
        "fetchRetriesA401OnceWithANewToken", "manyRejectedRequestsMakeOneRenewal", "fetchSendsNoTokenOutOfScope",
        "mapLibreTransformRequestAddsTheHeaderOnlyInScope", "openLayersTileLoaderLoadsWithTheTokenAndRevokes",
        "leafletTileLayerLoadsWithTheTokenAndRevokes");
    Map<String, Object> failed = results.entrySet().stream()
        .filter(e -> !Boolean.TRUE.equals(e.getValue().get("ok")))
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("detail")));
    assertThat(failed).as("failed checks").isEmpty();
  }

  @Test
  @Order(2)
  void aPageOfAnotherOriginGetsNoToken() {
    TcpTap relay = taps.get("relay-for-foreign-page");
    open("foreign", "http://127.0.0.1:" + foreignSite.getAddress().getPort() + "/foreign.html");
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getTitle().startsWith("done"));

    assertThat(browser.getTitle()).as("what the foreign page's fetch saw").isEqualTo("done: blocked TypeError");
    assertThat(relay.connections()).isNotEmpty();
    String asked = relay.connections().stream().map(TcpTap.Connection::sentText).collect(Collectors.joining());
    String answered = relay.connections().stream().map(TcpTap.Connection::receivedText).collect(Collectors.joining());
    assertThat(asked).contains("GET /os-token HTTP/1.1", "Origin: http://127.0.0.1:" + foreignSite.getAddress().getPort());
    assertThat(answered).startsWith("HTTP/1.1 403 ").doesNotContain("access_token", "Access-Control-Allow-Origin");
  }

  @Test
  @Order(3)
  void theMapsLoadTilesWithRenewedTokensForThreeLifetimes() throws InterruptedException {
    awaitWatchEnd();
    Map<String, String> layers = Map.of("leaflet", MapPageSettings.LEAFLET_LAYER,
        "openlayers", MapPageSettings.OPENLAYERS_LAYER);
    for (String page : layers.keySet()) {
      String origin = taps.get(page).origin().toString();
      List<RecordedRequest> tiles = hub.apiRequests().stream()
          .filter(r -> r.method().equals("GET") && r.header("Origin").orElse("").equals(origin))
          .collect(Collectors.toList());
      List<String> handed = handedTokens(taps.get(page));
      long relayCalls = relayCalls(taps.get(page));
      Set<String> used = tiles.stream().map(r -> r.header("Authorization").orElse("none"))
          .collect(Collectors.toCollection(LinkedHashSet::new));
      String status = pageStatus(page);

      assertThat(tiles).as("%s: tiles requested (%s)", page, status).isNotEmpty()
          .allSatisfy(r -> assertThat(r.path()).startsWith("/maps/raster/v1/zxy/" + layers.get(page) + "/"));
      assertThat(used).as("%s: every tile request with a bearer token", page).allMatch(h -> h.startsWith("Bearer "));
      assertThat(tiles).as("%s: tile requests answered 401", page).noneMatch(r -> r.status() == 401);
      assertThat(tiles).as("%s: tile requests not answered 200", page).allMatch(r -> r.status() == 200);
      assertThat(handed).as("%s: relay answers, one per call", page).hasSize((int) relayCalls);
      assertThat(handed).as("%s: a new token from every relay call (one call per token)", page).doesNotHaveDuplicates();
      assertThat(handed).as("%s: renewed while we watched (%s)", page, status).hasSizeGreaterThanOrEqualTo(4);
      assertThat(used).as("%s: tiles on at least three tokens", page).hasSizeGreaterThanOrEqualTo(3);
      assertThat(used.stream().map(h -> h.substring("Bearer ".length())))
          .as("%s: tokens on tiles are the ones the relay handed this page", page).isSubsetOf(handed);
    }
  }

  @Test
  @Order(4)
  void theSecretIsInNoByteTheBrowserReceived() throws InterruptedException {
    awaitWatchEnd();
    List<String> secrets = List.of(secret,
        Base64.getEncoder().encodeToString((FakeOsDataHub.DEFAULT_KEY + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    assertThat(leaks(List.of(("{\"x\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8)), secrets))
        .as("the scan finds a planted secret").isNotEmpty();

    List<byte[]> received = new ArrayList<>();
    List<TcpTap> all = new ArrayList<>(taps.values());
    all.add(api);
    for (TcpTap tap : all) {
      tap.connections().forEach(c -> received.add(c.received()));
    }
    long bytes = received.stream().mapToLong(b -> b.length).sum();
    String pagesReceived = taps.values().stream().flatMap(t -> t.connections().stream())
        .map(TcpTap.Connection::receivedText).collect(Collectors.joining());

    assertThat(pagesReceived).as("what was scanned").contains("leaflet.js", "ol.js", "os-oauth2.js", "access_token");
    assertThat(bytes).as("bytes scanned").isGreaterThan(500_000);
    assertThat(leaks(received, secrets)).as("responses holding the secret or the Basic credentials").isEmpty();
    assertThat(browserErrors()).as("errors in the browser's console").isEmpty();
  }

  private static void open(String name, String url) {
    browser.switchTo().newWindow(WindowType.WINDOW);
    windows.put(name, browser.getWindowHandle());
    browser.get(url);
  }

  /**
   * Waits until both maps have run three lifetimes and each has had four tokens (or a while longer, for the
   * assertions to say what went wrong), then a second more for the tiles in flight.
   */
  private static void awaitWatchEnd() throws InterruptedException {
    long end = watchStartedNanos + WATCH.toNanos();
    Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
    for (String page : List.of("leaflet", "openlayers")) {
      browser.switchTo().window(windows.get(page));
      try {
        new WebDriverWait(browser, LIFETIME.multipliedBy(2)).until(d -> Integer.parseInt(String.valueOf(
            ((JavascriptExecutor) d).executeScript("return document.getElementById('token-status').dataset.tokens || '0'")))
            >= 4);
      } catch (TimeoutException e) {
        break; // the assertions tell what the page did instead
      }
    }
    Thread.sleep(1000);
  }

  private static String pageStatus(String page) {
    browser.switchTo().window(windows.get(page));
    return String.valueOf(browser.executeScript("return document.getElementById('token-status').textContent"));
  }

  private static long relayCalls(TcpTap tap) {
    return tap.connections().stream().mapToLong(c -> RELAY_CALL.matcher(c.sentText()).results().count()).sum();
  }

  /** The tokens the relay handed through this tap, in order of connection and answer. */
  private static List<String> handedTokens(TcpTap tap) {
    List<String> tokens = new ArrayList<>();
    for (TcpTap.Connection c : tap.connections()) {
      Matcher m = HANDED_TOKEN.matcher(c.receivedText());
      while (m.find()) {
        tokens.add(m.group(1));
      }
    }
    return tokens;
  }

  /** Where the secrets occur in the responses: 60 bytes either side, the secret itself masked. */
  private static List<String> leaks(List<byte[]> responses, List<String> secrets) {
    List<String> found = new ArrayList<>();
    for (byte[] response : responses) {
      String text = new String(response, StandardCharsets.ISO_8859_1);
      for (String s : secrets) {
        for (int at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
          String around = text.substring(Math.max(0, at - 60), Math.min(text.length(), at + s.length() + 60));
          found.add("..." + around.replace(s, "<SECRET>").replace("\r\n", " | ") + "...");
        }
      }
    }
    return found;
  }

  /**
   * Errors in every window's console, but those the tests cause on purpose: the foreign page's blocked
   * call and the tile of a layer that does not exist.
   */
  private static List<String> browserErrors() {
    List<String> errors = new ArrayList<>();
    for (String handle : windows.values()) {
      browser.switchTo().window(handle);
      for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
        String message = entry.getMessage();
        boolean expected = message.contains("No_Such_Layer") || message.contains("foreign.html")
            || message.contains(taps.get("relay-for-foreign-page").origin().toString());
        if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue() && !expected) {
          errors.add(message);
        }
      }
    }
    return errors;
  }

  /** A page of another origin whose script asks the relay for a token and puts what it saw in its title. */
  private static HttpServer foreignSite(URI relay) throws IOException {
    byte[] page = ("<!DOCTYPE html><title>loading</title><script type=\"module\">\n"
        + "const seen = await fetch('" + relay + "', { cache: 'no-store' })\n"
        + "  .then((r) => 'status ' + r.status, (e) => 'blocked ' + e.name);\n"
        + "document.title = 'done: ' + seen;\n"
        + "</script>").getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", exchange -> {
      try (exchange; OutputStream out = exchange.getResponseBody()) {
        if (!exchange.getRequestURI().getPath().equals("/foreign.html")) {
          exchange.sendResponseHeaders(204, -1); // the favicon
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        out.write(page);
      }
    });
    server.start();
    return server;
  }
}
