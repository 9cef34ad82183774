package io.github.osdatahub.oauth2.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback server that answers every request with a small Names-like JSON body, for the
 * integration benchmarks. Forks must run with {@code -Dsun.net.httpserver.nodelay=true}: without
 * TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK and
 * every request takes about 40 ms, whatever the client does.
 */
final class LoopbackApiServer implements AutoCloseable {
  static final byte[] BODY = "{\"header\":{},\"results\":[]}".getBytes(StandardCharsets.UTF_8);

  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final HttpServer server;

  LoopbackApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.createContext("/", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, BODY.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(BODY);
        }
      }
    });
    server.setExecutor(threads);
    server.start();
  }

  /** A Names API URL on this server, at 127.0.0.1. */
  URI namesUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/search/names/v1/find?query=Southampton");
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
