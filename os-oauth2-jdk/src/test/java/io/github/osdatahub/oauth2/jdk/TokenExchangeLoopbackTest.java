package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.CredentialsRejectedException;
import io.github.osdatahub.oauth2.MalformedResponseException;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.ServerErrorException;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.TransportFailureException;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole exchange for real: a provider's token client over {@link JdkHttpTransport} and
 * {@link GsonJsonCodec}, against a token endpoint on a loopback socket, on the blocking and the
 * asynchronous path, with the requests the endpoint received counted and read byte for byte. Real
 * time is used only as a bound the test waits on, never as an assertion of speed.
 *
 * <p>The endpoint is a plain {@code ServerSocket} rather than the JDK's {@code HttpServer}: test code
 * here is compiled into this module, which does not read {@code jdk.httpserver}; and a raw socket
 * shows the exact bytes on the wire.
 */
class TokenExchangeLoopbackTest {
  static final String KEY = "loopback-key";
  static final String SECRET = "loopback-secret";
  static final String REAL = "{\"access_token\":\"ZclClFcksJlZ19vnJOt09Yj3xme0\",\"expires_in\":\"299\","
      + "\"issued_at\":\"1634663382476\",\"token_type\":\"Bearer\"}";
  static final Duration HANG_GUARD = Duration.ofSeconds(30);
  static final int TEN_MB = 10 * 1024 * 1024;

  LoopbackTokenEndpoint endpoint;
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    endpoint = new LoopbackTokenEndpoint();
  }

  @AfterEach
  void stop() throws IOException {
    release.countDown();
    endpoint.close();
  }

  /** The replies in order; the last one repeats. */
  void replies(LoopbackTokenEndpoint.Reply... replies) {
    endpoint.script.addAll(List.of(replies));
  }

  static LoopbackTokenEndpoint.Reply answer(int status, String body, String... headerPairs) {
    return out -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Status\r\n")
          .append("Content-Type: application/json\r\n")
          .append("Content-Length: ").append(bytes.length).append("\r\n")
          .append("Connection: close\r\n");
      for (int i = 0; i < headerPairs.length; i += 2) {
        head.append(headerPairs[i]).append(": ").append(headerPairs[i + 1]).append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
    };
  }

  LoopbackTokenEndpoint.Reply neverAnswer() {
    return out -> release.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
  }

  OsOAuth2.Builder client() {
    return OsOAuth2.builder(ProjectCredentials.of(KEY, SECRET))
        .endpoint(endpoint.uri("/oauth2/token/v1"))
        .transport(JdkHttpTransport.create())
        .jsonCodec(GsonJsonCodec.create());
  }

  static AccessToken fetch(CachingTokenProvider client, boolean async) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> {
      if (!async) {
        return client.token();
      }
      try {
        return client.tokenAsync().get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException | CompletionException e) {
        throw e.getCause();
      }
    });
  }

  static OsOAuth2Exception failure(CachingTokenProvider client, boolean async) {
    return catchThrowableOfType(OsOAuth2Exception.class, () -> fetch(client, async));
  }

  // ------------------------------------------------------------------ tests

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void realResponseGivesA299SecondToken(boolean async) {
    replies(answer(200, REAL));
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // expiry is in wall-clock ms

    AccessToken token = fetch(client().build(), async);

    assertThat(token.value()).isEqualTo("ZclClFcksJlZ19vnJOt09Yj3xme0");
    assertThat(token.lifetime()).isEqualTo(Duration.ofSeconds(299));
    assertThat(token.expiresAt()).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(299));
    assertThat(token.issuedAt()).contains(Instant.ofEpochMilli(1634663382476L));
    assertThat(endpoint.received()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theRequestOnTheWireIsWhatCurlSends(boolean async) {
    replies(answer(200, REAL));
    CachingTokenProvider client = client().build();

    fetch(client, async);

    assertThat(endpoint.received()).hasSize(1);
    LoopbackTokenEndpoint.Received r = endpoint.received().get(0);
    assertThat(r.requestLine).isEqualTo("POST /oauth2/token/v1 HTTP/1.1");
    String basic = Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    assertThat(r.header("Authorization")).containsExactly("Basic " + basic);
    assertThat(r.header("Content-Type")).containsExactly("application/x-www-form-urlencoded");
    assertThat(r.header("Accept")).containsExactly("application/json");
    assertThat(r.header("User-Agent")).hasSize(1);
    assertThat(r.header("User-Agent").get(0)).startsWith("os-oauth2-java/" + OsOAuth2.version() + " Java/");
    assertThat(r.header("Host")).containsExactly("127.0.0.1:" + endpoint.port());
    assertThat(r.header("Content-Length")).containsExactly("29");
    assertThat(r.header("Transfer-Encoding")).isEmpty();
    assertThat(r.body).asString(StandardCharsets.US_ASCII).isEqualTo("grant_type=client_credentials");
    // Each header once, and nothing else: the four of the request and the two the JDK sets itself.
    assertThat(r.headerNames()).containsExactlyInAnyOrder("authorization", "content-type", "accept", "user-agent",
        "host", "content-length");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void legacyBearerTokenAnswerIsAccepted(boolean async) {
    replies(answer(200, "{\"access_token\":\"legacy\",\"expires_in\":299,\"issued_at\":1634663382476,"
        + "\"token_type\":\"BearerToken\"}"));
    AccessToken token = fetch(client().build(), async);
    assertThat(token.authorizationHeader()).isEqualTo("Bearer legacy");
    assertThat(token.lifetime()).isEqualTo(Duration.ofSeconds(299));
    assertThat(endpoint.received()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void serviceUnavailableThenSuccessTakesExactlyTwoRequests(boolean async) {
    replies(answer(503, "{\"ErrorCode\":\"unavailable\",\"Error\":\"try again\"}"), answer(200, REAL));
    CachingTokenProvider client = client().build();
    AccessToken token = fetch(client, async);
    assertThat(token.value()).isEqualTo("ZclClFcksJlZ19vnJOt09Yj3xme0");
    assertThat(endpoint.received()).hasSize(2);
    assertThat(client.stats().tokenRequests()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void wrongCredentialsAreRejectedAfterExactlyOneRequest(boolean async) {
    replies(answer(401, "{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid\"}"),
        answer(200, REAL));
    OsOAuth2Exception e = failure(client().build(), async);
    assertThat(e).isInstanceOf(CredentialsRejectedException.class);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.errorCode()).contains("invalid_client");
    assertThat(e.getMessage()).contains("Client credentials are invalid").doesNotContain(SECRET);
    assertThat(endpoint.received()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void endlessServerErrorStopsAfterThreeRequests(boolean async) {
    replies(answer(500, "<html>Internal Server Error</html>"));
    CachingTokenProvider client = client().build();
    OsOAuth2Exception e = failure(client, async);
    assertThat(e).isInstanceOf(ServerErrorException.class);
    assertThat(e.status()).isEqualTo(500);
    assertThat(endpoint.received()).hasSize(3);
    assertThat(client.stats().tokenRequests()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aServerThatNeverAnswersFailsAfterItsAttemptsTimeOut(boolean async) {
    replies(neverAnswer());
    CachingTokenProvider client = client().attemptTimeout(Duration.ofMillis(300)).build();

    OsOAuth2Exception e = failure(client, async);

    assertThat(e).isInstanceOf(TransportFailureException.class);
    assertThat(e.status()).isEqualTo(OsOAuth2Exception.NO_STATUS);
    // Every attempt the client started reached the server, and none was answered.
    assertThat(client.stats().tokenRequests()).isBetween(1L, 3L);
    assertThat((long) endpoint.received().size()).isLessThanOrEqualTo(client.stats().tokenRequests());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aTenMegabyteAnswerFailsAsMalformedWithoutBeingReadWhole(boolean async) throws Exception {
    int prefix = 256 * 1024;
    AtomicBoolean clientWentAway = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    replies(out -> {
      try {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + TEN_MB
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(filler(prefix, true));
        out.flush();
        // Hold the rest back: a client that tried to read 10 MB could not return before release.
        release.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        byte[] chunk = filler(64 * 1024, false);
        for (int written = prefix; written < TEN_MB; written += chunk.length) {
          out.write(chunk);
        }
        out.flush();
      } catch (IOException e) {
        clientWentAway.set(true);
      } finally {
        finished.countDown();
      }
    });
    CachingTokenProvider client = client().build();

    OsOAuth2Exception e = failure(client, async);

    assertThat(e).isInstanceOf(MalformedResponseException.class);
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.getMessage()).contains("over 64 KiB");
    assertThat(endpoint.received()).hasSize(1);
    release.countDown();
    assertThat(finished.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(clientWentAway).as("the server wrote all 10 MB: the body was read past the bound").isTrue();
  }

  /** A JSON-looking start followed by spaces, so only the size makes it malformed. */
  static byte[] filler(int size, boolean start) {
    byte[] b = new byte[size];
    java.util.Arrays.fill(b, (byte) ' ');
    if (start) {
      byte[] head = "{\"access_token\":\"x\",\"expires_in\":\"299\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(head, 0, b, 0, head.length);
    }
    return b;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRedirectIsNotFollowed(boolean async) {
    replies(answer(302, "", "Location", endpoint.uri("/elsewhere").toString()));
    OsOAuth2Exception e = failure(client().build(), async);
    assertThat(e.status()).isEqualTo(302);
    assertThat(e.getMessage()).contains("/elsewhere").contains("redirects are not followed");
    assertThat(endpoint.received()).extracting(r -> r.requestLine).containsExactly("POST /oauth2/token/v1 HTTP/1.1");
  }

  /**
   * A token endpoint on a plain loopback socket: one thread per connection, each request read whole
   * and recorded byte for byte, then answered by the next scripted reply (the last one repeats)
   * and the connection closed.
   */
  static final class LoopbackTokenEndpoint implements AutoCloseable {
    /** Writes one answer. */
    @FunctionalInterface
    interface Reply {
      void write(OutputStream out) throws Exception;
    }

    /** One request as it arrived. */
    static final class Received {
      final String requestLine;
      final List<String> headerLines;
      final byte[] body;

      Received(String head, byte[] body) {
        List<String> lines = List.of(head.split("\r\n"));
        this.requestLine = lines.get(0);
        this.headerLines = lines.subList(1, lines.size());
        this.body = body;
      }

      List<String> header(String name) {
        List<String> values = new ArrayList<>();
        for (String line : headerLines) {
          int colon = line.indexOf(':');
          if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
            values.add(line.substring(colon + 1).strip());
          }
        }
        return values;
      }

      List<String> headerNames() {
        List<String> names = new ArrayList<>();
        for (String line : headerLines) {
          names.add(line.substring(0, Math.max(0, line.indexOf(':'))).toLowerCase(Locale.ROOT));
        }
        return names;
      }
    }

    final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "loopback-token-endpoint");
      t.setDaemon(true);
      return t;
    });
    private volatile Reply last;

    LoopbackTokenEndpoint() throws IOException {
      listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      threads.execute(this::acceptLoop);
    }

    int port() {
      return listener.getLocalPort();
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port() + path);
    }

    List<Received> received() {
      return List.copyOf(received);
    }

    private void acceptLoop() {
      while (!listener.isClosed()) {
        try {
          Socket socket = listener.accept();
          threads.execute(() -> serve(socket));
        } catch (IOException e) {
          // closed
        }
      }
    }

    private void serve(Socket socket) {
      try (socket) {
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        byte[] body = in.readNBytes(contentLength(head));
        received.add(new Received(head, body));
        Reply next = script.poll();
        if (next != null) {
          last = next;
        }
        OutputStream out = socket.getOutputStream();
        last.write(out);
        out.flush();
      } catch (Exception e) {
        // The client went away, or the test ended.
      }
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("closed before the request head ended");
        }
        head.write(b);
        byte[] h = head.toByteArray();
        int n = h.length;
        if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
          return new String(h, 0, n - 4, StandardCharsets.US_ASCII);
        }
      }
    }

    private static int contentLength(String head) {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return Integer.parseInt(line.substring("content-length:".length()).strip());
        }
      }
      return 0;
    }

    @Override
    public void close() throws IOException {
      listener.close();
      threads.shutdownNow();
    }
  }
}
