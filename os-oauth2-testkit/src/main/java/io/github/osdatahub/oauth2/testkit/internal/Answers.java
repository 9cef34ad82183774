package io.github.osdatahub.oauth2.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes answers on a JDK {@code HttpExchange} and reads request bodies, bounded. */
public final class Answers {
  private Answers() {}

  /**
   * Sends a JSON answer with {@code Content-Type: application/json}.
   *
   * @param exchange the exchange
   * @param status the HTTP status
   * @param json the body
   * @param headers more headers (a {@code Content-Type} here replaces the default)
   * @throws IOException when the client has gone away
   */
  public static void json(HttpExchange exchange, int status, String json, Map<String, String> headers)
      throws IOException {
    send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  /**
   * Sends an answer with a fixed {@code Content-Length}.
   *
   * @param exchange the exchange
   * @param status the HTTP status
   * @param contentType the default {@code Content-Type}; null for none
   * @param body the body; empty for none
   * @param headers more headers (a {@code Content-Type} here replaces the default)
   * @throws IOException when the client has gone away
   */
  public static void send(HttpExchange exchange, int status, String contentType, byte[] body,
      Map<String, String> headers) throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    // An answer to HEAD has no body; HttpServer warns and fails the write if it is given one.
    boolean withBody = body.length > 0 && !exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    // HttpServer reads 0 as "chunked" and -1 as "no body".
    exchange.sendResponseHeaders(status, withBody ? body.length : -1);
    if (withBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * Reads a request body up to a bound and drains the rest, so the connection stays usable.
   *
   * @param in the body stream
   * @param limit how many bytes to keep
   * @return at most {@code limit} bytes
   * @throws IOException when the client has gone away
   */
  public static byte[] readBody(InputStream in, int limit) throws IOException {
    byte[] kept = in.readNBytes(limit);
    in.transferTo(OutputStream.nullOutputStream());
    return kept;
  }
}
