package io.github.osdatahub.oauth2.okhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A JDK HttpServer on 127.0.0.1 that records what it is sent and answers as told. */
final class LoopbackServer implements AutoCloseable {
  /** One request as the server saw it. */
  record Seen(String method, String path, String host, String authorization) {}

  /** What to answer. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer status(int status) {
      return new Answer(status, Map.of(), "");
    }

    static Answer ok(String body) {
      return new Answer(200, Map.of("Content-Type", "text/plain"), body);
    }

    static Answer redirect(URI location) {
      return new Answer(302, Map.of("Location", location.toString()), "");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile Function<Seen, Answer> responder;

  private LoopbackServer(Function<Seen, Answer> responder) throws IOException {
    this.responder = responder;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static LoopbackServer start(Function<Seen, Answer> responder) throws IOException {
    return new LoopbackServer(responder);
  }

  static LoopbackServer okEverywhere() throws IOException {
    return start(request -> Answer.ok("hello"));
  }

  void respondWith(Function<Seen, Answer> responder) {
    this.responder = responder;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Authorization"));
      seen.add(request);
      Answer answer = responder.apply(request);
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** A URL on 127.0.0.1. */
  URI uri(String path) {
    return uri("127.0.0.1", path);
  }

  /** A URL naming another host; reach it with {@link #LOOPBACK_DNS}. */
  URI uri(String host, String path) {
    return URI.create("http://" + host + ":" + port() + path);
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Resolves every name to 127.0.0.1, so tests can name other hosts without leaving the machine. */
  static final okhttp3.Dns LOOPBACK_DNS = host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
}
