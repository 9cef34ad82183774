package io.github.osdatahub.oauth2.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Serves {@code os-oauth2.js} for the JDK adapter: GET and HEAD, with an ETag and a 304 for a match. */
final class ScriptHandler implements HttpHandler {
  private final BrowserScript script;

  ScriptHandler(BrowserScript script) {
    this.script = script;
  }

  @Override
  public void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    if (!RelayHttpHandler.SCRIPT_PATH.equals(exchange.getRequestURI().getRawPath())) {
      RelayHttpHandler.send(exchange, 404, Map.of(), new byte[0]);
      return;
    }
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      RelayHttpHandler.send(exchange, 405, Map.of("Allow", "GET, HEAD"), new byte[0]);
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "text/javascript; charset=utf-8");
    // Cached for a while, then revalidated by its ETag: a new version of the jar is picked up within minutes.
    headers.put("Cache-Control", "public, max-age=600");
    headers.put("ETag", script.etag());
    headers.put("X-Content-Type-Options", "nosniff");
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (ifNoneMatch != null && ifNoneMatch.contains(script.etag())) {
      RelayHttpHandler.send(exchange, 304, headers, new byte[0]);
      return;
    }
    RelayHttpHandler.send(exchange, 200, headers, script.bytes());
  }
}
