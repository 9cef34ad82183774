package io.github.osdatahub.oauth2.testkit.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback API for {@link AuthorizingClientContract}: the JDK's {@code HttpServer} on one
 * loopback address, answering each request as a script says and recording the path and the
 * {@code Authorization} values of every request that reached it.
 */
final class ScriptedApi implements AutoCloseable {
  /** One request as it arrived: its raw path and every {@code Authorization} value it carried. */
  record Seen(String path, List<String> authorization) {
    /** Whether the request carried exactly this bearer token and no other {@code Authorization}. */
    boolean carries(String token) {
      return authorization.equals(List.of("Bearer " + token));
    }
  }

  /** A status, with a {@code Location} for a redirect; never a body. */
  record Answer(int status, URI location) {
    static Answer status(int status) {
      return new Answer(status, null);
    }

    static Answer redirect(URI location) {
      return new Answer(302, location);
    }
  }

  static {
    // As FakeOsDataHub does: without it every answer of the JDK server waits ~40 ms for a delayed ACK.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String address;
  private final Function<Seen, Answer> script;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private ScriptedApi(String address, Function<Seen, Answer> script) throws IOException {
    this.address = address;
    this.script = script;
    // A handler may wait for other requests to arrive (the storm case), so each gets its own thread.
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "authorizing-contract-api");
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 256);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static ScriptedApi start(String address, Function<Seen, Answer> script) {
    try {
      return new ScriptedApi(address, script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI uri(String path) {
    return URI.create("http://" + address + ":" + port() + path);
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
      List<String> authorization = exchange.getRequestHeaders().get("Authorization");
      Seen request = new Seen(exchange.getRequestURI().getRawPath(),
          authorization == null ? List.of() : List.copyOf(authorization));
      seen.add(request);
      Answer answer = script.apply(request);
      if (answer.location() != null) {
        exchange.getResponseHeaders().add("Location", answer.location().toString());
      }
      exchange.sendResponseHeaders(answer.status(), -1); // -1: no body
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
