package io.github.osdatahub.oauth2.apache;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback server that answers every request with one fixed status and records what came:
 * the "other host" of the tests, or an API that rejects every token.
 */
final class RecordingServer implements AutoCloseable {
  /** One request as received. */
  static final class Seen {
    final String method;
    final String path;
    final Optional<String> authorization;
    final byte[] body;

    Seen(String method, String path, Optional<String> authorization, byte[] body) {
      this.method = method;
      this.path = path;
      this.authorization = authorization;
      this.body = body;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
    Thread t = new Thread(task, "recording-server");
    t.setDaemon(true);
    return t;
  });
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final String host;
  private volatile int status;

  private RecordingServer(String host, int status) {
    this.host = host;
    this.status = status;
    try {
      server = HttpServer.create(new InetSocketAddress(host, 0), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")), body));
      byte[] answer = ("{\"status\":" + this.status + "}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(this.status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.setExecutor(executor);
    server.start();
  }

  /** A server on this loopback address answering with this status. */
  static RecordingServer start(String host, int status) {
    return new RecordingServer(host, status);
  }

  URI uri(String path) {
    return URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
  }

  String host() {
    return host;
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
