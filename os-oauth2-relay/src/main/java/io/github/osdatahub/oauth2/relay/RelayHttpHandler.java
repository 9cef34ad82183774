package io.github.osdatahub.oauth2.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * The JDK adapter: serves a {@link TokenRelay} on a {@code com.sun.net.httpserver.HttpServer} (module
 * {@code jdk.httpserver}), with no other dependency. It never blocks the server's thread: a request
 * that has to wait for a token is answered when the token arrives.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * RelayHttpHandler.installOn(server, TokenRelay.create(provider));   // GET /os-token, /os-oauth2/os-oauth2.js
 * server.start();
 * }</pre>
 */
public final class RelayHttpHandler implements HttpHandler {
  /** Where {@link #installOn} serves the page's script, {@code os-oauth2.js}. */
  public static final String SCRIPT_PATH = "/os-oauth2/os-oauth2.js";

  private final TokenRelay relay;

  private RelayHttpHandler(TokenRelay relay) {
    this.relay = Objects.requireNonNull(relay, "relay");
  }

  /**
   * @param relay the relay
   * @return a handler to register at {@code relay.path()} yourself; requests for any other path get 404
   */
  public static RelayHttpHandler create(TokenRelay relay) {
    return new RelayHttpHandler(relay);
  }

  /**
   * Registers the relay at {@link TokenRelay#path()} and the page's script, read from this jar, at
   * {@value #SCRIPT_PATH} ({@code text/javascript}, cacheable, with an ETag).
   *
   * @param server the server, started or not
   * @param relay the relay
   * @return the server
   * @throws IllegalArgumentException when the server already has a handler at either path
   */
  public static HttpServer installOn(HttpServer server, TokenRelay relay) {
    ScriptHandler script = new ScriptHandler(BrowserScript.load());
    server.createContext(relay.path(), create(relay));
    server.createContext(SCRIPT_PATH, script);
    return server;
  }

  @Override
  public void handle(HttpExchange exchange) {
    // A context matches every path that starts with its own: answer only the exact one.
    if (!relay.path().equals(exchange.getRequestURI().getRawPath())) {
      send(exchange, 404, Map.of(), new byte[0]);
      return;
    }
    InetSocketAddress remote = exchange.getRemoteAddress();
    String client = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    RelayRequest request = RelayRequest.of(exchange.getRequestMethod(), exchange.getRequestHeaders()::getFirst,
        client, exchange);
    // Completes here when a token is cached; else on the thread that completes the provider's future (a short
    // write of a few hundred bytes, so it does not hold that thread).
    relay.answer(request).whenComplete((response, error) -> {
      if (response != null) {
        send(exchange, response.status(), response.headers(), response.bodyBytes());
      } else { // answer() does not fail; if it ever did, the client must not wait forever
        send(exchange, 500, Map.of("Cache-Control", "no-store"), new byte[0]);
      }
    });
  }

  static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) {
    try (exchange) {
      headers.forEach(exchange.getResponseHeaders()::set);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      // The client has gone: there is no one left to answer.
    }
  }

  @Override
  public String toString() {
    return "RelayHttpHandler[" + relay + "]";
  }
}
