package io.github.osdatahub.oauth2.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.TimeSource;
import io.github.osdatahub.oauth2.relay.RelayHttpHandler;
import io.github.osdatahub.oauth2.relay.RelayRequest;
import io.github.osdatahub.oauth2.relay.TokenRelay;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second to {@code GET /os-token} through the relay's JDK adapter ({@code RelayHttpHandler}
 * over a warm {@code CachingTokenProvider}), against a plain handler on the same {@code HttpServer}
 * (same executor, same socket settings) that answers a fixed JSON string of the same shape. The client
 * is the same for both: one keep-alive socket per benchmark thread, writing the request in one write and
 * reading the answer by its {@code Content-Length}, so the client adds as little as it can.
 *
 * <p>{@code relay} and {@code fixedJsonHandler} run one after the other, as JMH does; on a machine busy
 * with other work their runs meet different loads. The {@code sideBySide} group runs both at once, one
 * thread each on its own connection, so both meet the same load at the same moments: compare its two
 * scores when the machine is not idle. {@code inMemoryAnswer} is the relay's own work per request
 * ({@code TokenRelay.answer} on a cached token, no socket), for scale.
 *
 * <pre>
 * ./mvnw -B -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar RelayThroughputBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
// TCP_NODELAY for the JDK server: see LoopbackApiServer.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class RelayThroughputBenchmark {
  static final String FIXED_PATH = "/fixed-token";
  static final byte[] FIXED_JSON = ("{\"access_token\":\"ZclClFcksJlZ19vnJOt09Yj3xme0\",\"expires_in\":\"86399\","
      + "\"issued_at\":\"1700000000000\",\"token_type\":\"Bearer\"}").getBytes(StandardCharsets.US_ASCII);

  /** The server with both handlers, and the provider behind the relay (a token valid for a day). */
  @State(Scope.Benchmark)
  public static class Server {
    ExecutorService threads;
    HttpServer server;
    CachingTokenProvider provider;
    TokenRelay relay;
    RelayRequest request;
    int port;

    @Setup(Level.Trial)
    public void start() throws IOException {
      provider = new InMemoryTokenEndpoint(Duration.ofDays(1), Duration.ZERO).provider(TimeSource.system());
      provider.token();
      threads = Executors.newFixedThreadPool(4);
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
      relay = TokenRelay.create(provider);
      RelayHttpHandler.installOn(server, relay);
      server.createContext(FIXED_PATH, exchange -> {
        try (exchange; InputStream in = exchange.getRequestBody()) {
          in.readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, FIXED_JSON.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(FIXED_JSON);
          }
        }
      });
      server.setExecutor(threads);
      server.start();
      port = server.getAddress().getPort();
      Map<String, String> headers = Map.of("Host", "127.0.0.1:" + port, "Accept", "application/json");
      request = RelayRequest.of("GET", headers::get, "127.0.0.1", null);
    }

    @TearDown(Level.Trial)
    public void stop() {
      server.stop(0);
      threads.shutdownNow();
      provider.close();
    }
  }

  /** One keep-alive connection per benchmark thread. */
  @State(Scope.Thread)
  public static class Client {
    Socket socket;
    InputStream in;
    OutputStream out;
    byte[] relayRequest;
    byte[] fixedRequest;
    final byte[] buffer = new byte[8192];

    @Setup(Level.Trial)
    public void connect(Server server) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), server.port);
      socket.setTcpNoDelay(true);
      in = socket.getInputStream();
      out = socket.getOutputStream();
      relayRequest = request(TokenRelay.DEFAULT_PATH, server.port);
      fixedRequest = request(FIXED_PATH, server.port);
    }

    private static byte[] request(String path, int port) {
      return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      socket.close();
    }

    /** Sends one request and reads its whole answer; returns the status. */
    int exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      int filled = 0;
      int headerEnd;
      while ((headerEnd = headerEnd(buffer, filled)) < 0) {
        filled = read(filled);
      }
      int status = (buffer[9] - '0') * 100 + (buffer[10] - '0') * 10 + (buffer[11] - '0');
      int total = headerEnd + contentLength(buffer, headerEnd);
      while (filled < total) {
        filled = read(filled);
      }
      if (status != 200 || filled != total) {
        throw new IllegalStateException("status " + status + ", " + (filled - total) + " bytes more than the answer");
      }
      return status;
    }

    private int read(int filled) throws IOException {
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        throw new IOException("the server closed the connection");
      }
      return filled + n;
    }

    private static int headerEnd(byte[] b, int length) {
      for (int i = 3; i < length; i++) {
        if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
          return i + 1;
        }
      }
      return -1;
    }

    private static int contentLength(byte[] b, int headerEnd) {
      String headers = new String(b, 0, headerEnd, StandardCharsets.US_ASCII).toLowerCase();
      int at = headers.indexOf("\r\ncontent-length:");
      if (at < 0) {
        throw new IllegalStateException("no Content-Length");
      }
      int end = headers.indexOf('\r', at + 2);
      return Integer.parseInt(headers.substring(at + "\r\ncontent-length:".length(), end).strip());
    }
  }

  @Benchmark
  public int relay(Client client) throws IOException {
    return client.exchange(client.relayRequest);
  }

  @Benchmark
  public int fixedJsonHandler(Client client) throws IOException {
    return client.exchange(client.fixedRequest);
  }

  @Benchmark
  public int inMemoryAnswer(Server server) {
    return server.relay.answer(server.request).join().bodyLength();
  }

  @Benchmark
  @Group("sideBySide")
  @GroupThreads(1)
  public int sideBySideRelay(Client client) throws IOException {
    return client.exchange(client.relayRequest);
  }

  @Benchmark
  @Group("sideBySide")
  @GroupThreads(1)
  public int sideBySideFixedJsonHandler(Client client) throws IOException {
    return client.exchange(client.fixedRequest);
  }
}
