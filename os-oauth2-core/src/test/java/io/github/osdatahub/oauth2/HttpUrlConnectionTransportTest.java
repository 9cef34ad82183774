package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What {@link HttpUrlConnectionTransport} must do about {@code HttpURLConnection}'s own habits, beyond
 * the shared contract (run in the testkit): servers that answer slowly, challenges, a cancel while
 * the body is read. Time bounds here are hang guards far above what a correct transport takes, and
 * far below what an incorrect one would.
 */
class HttpUrlConnectionTransportTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(20);
  private static final ProjectCredentials CREDENTIALS = ProjectCredentials.of("key", "secret");

  @Test
  void aChallengeFromTheTokenEndpointIsAnAnswerNotSentToTheDefaultAuthenticator() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth2/token/v1", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"fault\":{\"faultstring\":\"Invalid client\"}}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"os\"");
      exchange.sendResponseHeaders(401, body.length);
      try (exchange) {
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
    AtomicInteger asked = new AtomicInteger();
    Authenticator.setDefault(new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        asked.incrementAndGet();
        return new PasswordAuthentication("someone-else", "their-password".toCharArray());
      }
    });
    try {
      TransportResponse answer = HttpUrlConnectionTransport.create().send(request(server.getAddress().getPort()),
          Duration.ofSeconds(10));

      assertThat(answer.status()).isEqualTo(401);
      assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("Invalid client");
      assertThat(requests.get()).as("requests the endpoint received").isEqualTo(1);
      assertThat(asked.get()).as("times the JVM's authenticator was asked").isZero();
    } finally {
      Authenticator.setDefault(null);
      server.stop(0);
    }
  }

  @Test
  void headersTrickledInWithinEachReadTimeoutStillEndAtTheDeadline() throws Exception {
    // A byte every 100 ms never trips a read timeout; only the exchange's own deadline ends this.
    try (RawServer server = RawServer.start((in, out) -> {
      RawServer.readRequest(in);
      out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 600; i++) {
        out.write('x');
        out.flush();
        Thread.sleep(100);
      }
    })) {
      HttpUrlConnectionTransport transport = HttpUrlConnectionTransport.create();
      assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(
          () -> transport.send(request(server.port()), Duration.ofMillis(500)))
          .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("within 500 ms"));
    }
  }

  @Test
  void aTlsHandshakeTrickledInStillEndsAtTheDeadline() throws Exception {
    // The start of a 16 KiB handshake record, then a byte every 100 ms. The JDK's TLS layer gives up
    // on the record at the read timeout, and the deadline's timer closes the socket: whichever is first.
    try (RawServer server = RawServer.start((in, out) -> {
      in.read(new byte[4096]); // the ClientHello
      out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
      for (int i = 0; i < 600; i++) {
        out.write(0x02);
        out.flush();
        Thread.sleep(100);
      }
    })) {
      TokenRequest request = TokenRequest.create(CREDENTIALS,
          URI.create("https://127.0.0.1:" + server.port() + "/oauth2/token/v1"));
      HttpUrlConnectionTransport transport = HttpUrlConnectionTransport.create();
      assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(
          () -> transport.send(request, Duration.ofMillis(500))).isInstanceOf(SocketTimeoutException.class));
    }
  }

  @Test
  void cancellingWhileTheBodyIsReadReturnsAtOnceAndEndsTheExchangeAtItsNextRead() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    try (RawServer server = RawServer.start((in, out) -> {
      RawServer.readRequest(in);
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"access_".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      cancelled.await();
      out.write('t'); // lets the blocked read return, so the reader sees the cancel
      out.flush();
      Thread.sleep(60_000);
    })) {
      UrlConnectionExchange exchange = new UrlConnectionExchange(request(server.port()), Duration.ofMinutes(1),
          HttpUrlConnectionTransport.DEFAULT_CONNECT_TIMEOUT);
      CompletableFuture<TransportResponse> run = CompletableFuture.supplyAsync(() -> {
        try {
          return exchange.run();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      assertTimeoutPreemptively(HANG_GUARD, () -> {
        while (!exchange.readingBody()) {
          Thread.onSpinWait();
        }
      });

      // The JDK's disconnect() would wait here for the read in progress: a minute.
      assertTimeoutPreemptively(HANG_GUARD, exchange::cancel);
      cancelled.countDown();

      assertThatThrownBy(() -> run.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(IOException.class).hasRootCauseMessage("the token request was cancelled");
    }
  }

  private static TokenRequest request(int port) {
    return TokenRequest.create(CREDENTIALS, URI.create("http://127.0.0.1:" + port + "/oauth2/token/v1"));
  }

  /** One connection, served as the test says. */
  private static final class RawServer implements AutoCloseable {
    interface Answer {
      void serve(InputStream in, OutputStream out) throws Exception;
    }

    private final ServerSocket socket;

    private RawServer(ServerSocket socket) {
      this.socket = socket;
    }

    static RawServer start(Answer answer) throws IOException {
      RawServer server = new RawServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      Thread t = new Thread(() -> {
        try (Socket s = server.socket.accept()) {
          answer.serve(s.getInputStream(), s.getOutputStream());
        } catch (Exception e) {
          // the client went away, or the test ended
        }
      }, "raw-server");
      t.setDaemon(true);
      t.start();
      return server;
    }

    /** Reads an HTTP request's head and its 29-byte body. */
    static void readRequest(InputStream in) throws IOException {
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      in.readNBytes(29); // grant_type=client_credentials
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
