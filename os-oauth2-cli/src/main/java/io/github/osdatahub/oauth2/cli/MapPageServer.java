package io.github.osdatahub.oauth2.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.relay.RelayHttpHandler;
import io.github.osdatahub.oauth2.relay.TokenRelay;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one origin a map page talks to besides the OS APIs, on 127.0.0.1: the token relay
 * ({@code GET /os-token}) and its script ({@code /os-oauth2/os-oauth2.js}), both from os-oauth2-relay's
 * JDK adapter; the pages with Leaflet and OpenLayers from the jar; and {@code /map-config.json}, which
 * tells the pages where the APIs are. The secret stays in this process: nothing served holds it.
 */
final class MapPageServer implements AutoCloseable {
  static final String CONFIG_PATH = "/map-config.json";
  /** The pages' folder, next to this class. */
  static final String PAGES = "map/";
  /**
   * Pages may run only this origin's scripts and talk only to it and the API: a CDN script, an inline
   * script or a call elsewhere fails. Styles may be inline, as the map libraries set them.
   */
  private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self' %s; "
      + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI uri;

  private MapPageServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.uri = URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
        + server.getAddress().getPort() + "/");
  }

  /**
   * Starts serving on 127.0.0.1.
   *
   * @param provider the tokens the relay hands out
   * @param settings what the pages are told
   * @param port 0 for any free port
   * @throws UncheckedIOException when the port cannot be bound
   */
  static MapPageServer start(TokenProvider provider, MapPageSettings settings, int port) {
    return start(provider, settings, port, List.of(PAGES));
  }

  /** As {@link #start(TokenProvider, MapPageSettings, int)}; a port that cannot be bound is a usage error. */
  static MapPageServer startOrExplain(TokenProvider provider, MapPageSettings settings, int port) {
    try {
      return start(provider, settings, port);
    } catch (UncheckedIOException e) {
      throw CommandFailedException.usage("cannot listen on 127.0.0.1 port " + port + ": " + e.getCause().getMessage());
    }
  }

  /** As {@link #start(TokenProvider, MapPageSettings, int)}, with more page folders (for tests' pages). */
  static MapPageServer start(TokenProvider provider, MapPageSettings settings, int port, List<String> pageFolders) {
    PageResources pages = new PageResources(pageFolders);
    byte[] config = settings.json().getBytes(StandardCharsets.UTF_8);
    String policy = String.format(CONTENT_SECURITY_POLICY, settings.apiBase());
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(8, task -> {
      Thread thread = new Thread(task, "os-oauth2-map-page-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException(e);
    }
    RelayHttpHandler.installOn(server, TokenRelay.create(provider));
    server.createContext("/", exchange -> servePage(exchange, pages, config, policy));
    server.setExecutor(executor);
    server.start();
    return new MapPageServer(server, executor);
  }

  /** Where the Leaflet page is, e.g. {@code http://127.0.0.1:8080/}. */
  URI uri() {
    return uri;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void servePage(HttpExchange exchange, PageResources pages, byte[] config, String policy) {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      if (path.equals(CONFIG_PATH)) {
        send(exchange, new PageResources.Resource(config, "application/json", "no-store"));
        return;
      }
      Optional<PageResources.Resource> found = pages.find(path);
      if (found.isEmpty()) {
        exchange.sendResponseHeaders(path.equals("/favicon.ico") ? 204 : 404, -1);
        return;
      }
      if (found.get().contentType().startsWith("text/html")) {
        exchange.getResponseHeaders().set("Content-Security-Policy", policy);
      }
      send(exchange, found.get());
    } catch (IOException e) {
      // The browser has gone: no one is left to answer.
    }
  }

  private static void send(HttpExchange exchange, PageResources.Resource resource) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", resource.contentType());
    exchange.getResponseHeaders().set("Cache-Control", resource.cacheControl());
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(200, head ? -1 : resource.bytes().length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(resource.bytes());
      }
    }
  }
}
