package io.github.osdatahub.oauth2.jdk;

import static io.github.osdatahub.oauth2.jdk.ScriptedSocketServer.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.TokenScope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A 401 that may be retried is read by the wrapper before the caller's handler sees it: that read
 * is bounded in size ({@link TokenRequest#MAX_RESPONSE_BYTES}) and in time (the request's timeout),
 * whatever the server sends.
 */
class OsDataHubHttpClientRejectedBodyTest {
  private static final long WAIT_SECONDS = 60;
  private static final TokenScope LOOPBACK = TokenScope.of("127.0.0.1");
  /** Far more than socket buffers hold, so a server can tell whether the client stopped reading. */
  private static final int HUGE_BODY_CHUNKS = 1024;
  private static final byte[] CHUNK = new byte[64 * 1024];

  static {
    Arrays.fill(CHUNK, (byte) 'x');
  }

  /** Answers the first token with a 64 MiB 401 and counts how often writing it was cut short. */
  private static final class Huge401ThenOk implements ScriptedSocketServer.Script {
    final AtomicInteger cutShort = new AtomicInteger();
    final AtomicInteger writtenWhole = new AtomicInteger();

    @Override
    public void answer(String head, OutputStream out, ScriptedSocketServer server) throws IOException {
      if (!ScriptedSocketServer.header(head, "Authorization").orElse("").equals("Bearer token-0")) {
        out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
        return;
      }
      out.write(ascii("HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
          + "Connection: close\r\n\r\n"));
      try {
        for (int i = 0; i < HUGE_BODY_CHUNKS; i++) {
          out.write(ascii(Integer.toHexString(CHUNK.length) + "\r\n"));
          out.write(CHUNK);
          out.write(ascii("\r\n"));
        }
        out.write(ascii("0\r\n\r\n"));
        out.flush();
        writtenWhole.incrementAndGet();
      } catch (IOException e) {
        cutShort.incrementAndGet(); // the client closed the connection
      }
    }
  }

  @Test
  void aHuge401IsCutAtTheBoundThenRetried() throws Exception {
    Huge401ThenOk script = new Huge401ThenOk();
    try (ScriptedSocketServer server = new ScriptedSocketServer(script)) {
      HttpRequest request = HttpRequest.newBuilder(server.uri("/search/names/v1/find")).build();

      HttpResponse<String> sync = assertTimeoutPreemptively(Duration.ofSeconds(WAIT_SECONDS),
          () -> client(new RotatingTokens()).send(request, BodyHandlers.ofString()));
      HttpResponse<String> async = client(new RotatingTokens()).sendAsync(request, BodyHandlers.ofString())
          .get(WAIT_SECONDS, TimeUnit.SECONDS);

      for (HttpResponse<String> response : java.util.List.of(sync, async)) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.previousResponse()).hasValueSatisfying(r -> assertThat(r.statusCode()).isEqualTo(401));
      }
      assertThat(server.heads()).extracting(h -> ScriptedSocketServer.header(h, "Authorization").orElseThrow())
          .containsExactly("Bearer token-0", "Bearer token-1", "Bearer token-0", "Bearer token-1");
      awaitWriters(script, 2);
      assertThat(script.writtenWhole).as("the client stopped reading past the bound").hasValue(0);
    }
  }

  @Test
  void aHuge401ThatIsNotRetriedReachesTheHandlerCutAtTheBound() throws Exception {
    Huge401ThenOk script = new Huge401ThenOk();
    try (ScriptedSocketServer server = new ScriptedSocketServer(script)) {
      HttpRequest request = HttpRequest.newBuilder(server.uri("/search/names/v1/find")).build();
      TokenProvider sameToken = () -> AccessToken.of("token-0", Instant.now().plusSeconds(300));

      HttpResponse<byte[]> sync = assertTimeoutPreemptively(Duration.ofSeconds(WAIT_SECONDS),
          () -> client(sameToken).send(request, BodyHandlers.ofByteArray()));
      HttpResponse<byte[]> async = client(sameToken).sendAsync(request, BodyHandlers.ofByteArray())
          .get(WAIT_SECONDS, TimeUnit.SECONDS);

      for (HttpResponse<byte[]> response : java.util.List.of(sync, async)) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.previousResponse()).isEmpty();
        byte[] body = response.body();
        assertThat(body.length).isEqualTo(TokenRequest.MAX_RESPONSE_BYTES); // not the 64 MiB sent
        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("x".repeat(body.length));
      }
      assertThat(server.heads()).hasSize(2);
      awaitWriters(script, 2);
      assertThat(script.writtenWhole).hasValue(0);
    }
  }

  @Test
  void aStalled401BodyEndsAtTheRequestTimeout() throws Exception {
    ScriptedSocketServer.Script stalls = (head, out, server) -> {
      if (head.startsWith("GET /warm-up ")) {
        out.write(ascii("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"));
        return;
      }
      out.write(ascii("HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
          + "5\r\nstart\r\n"));
      out.flush();
      server.awaitClose(); // and never another byte
    };
    try (ScriptedSocketServer server = new ScriptedSocketServer(stalls)) {
      HttpClient user = HttpClient.newHttpClient();
      // A cold JDK client can take a while to connect, and the point here is the body's deadline,
      // not the JDK's own wait for the headers: warm it up first.
      user.send(HttpRequest.newBuilder(server.uri("/warm-up")).build(), BodyHandlers.discarding());
      HttpRequest request = HttpRequest.newBuilder(server.uri("/search/names/v1/find"))
          .timeout(Duration.ofSeconds(1)).build();

      assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(WAIT_SECONDS),
          () -> OsDataHubHttpClient.create(new RotatingTokens(), user, LOOPBACK).send(request, BodyHandlers.ofString())))
          .isInstanceOf(HttpTimeoutException.class);
      assertThatThrownBy(() -> OsDataHubHttpClient.create(new RotatingTokens(), user, LOOPBACK)
          .sendAsync(request, BodyHandlers.ofString()).get(WAIT_SECONDS, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(HttpTimeoutException.class);
      assertThat(server.heads()).filteredOn(h -> h.startsWith("GET /search/"))
          .as("both reached the server, neither was retried")
          .extracting(h -> ScriptedSocketServer.header(h, "Authorization").orElseThrow())
          .containsExactly("Bearer token-0", "Bearer token-0");
    }
  }

  private static OsDataHubHttpClient client(TokenProvider provider) {
    return OsDataHubHttpClient.create(provider, HttpClient.newHttpClient(), LOOPBACK);
  }

  /** The server's writer ends (cut short or not) after the client is done with the connection. */
  private static void awaitWriters(Huge401ThenOk script, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (script.cutShort.get() + script.writtenWhole.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(5); // waiting for the server's threads, not measuring time
    }
    assertThat(script.cutShort.get() + script.writtenWhole.get()).isEqualTo(count);
  }

  /** token-0, then token-1 once token-0 is invalidated, and so on. */
  private static final class RotatingTokens implements TokenProvider {
    private final AtomicInteger generation = new AtomicInteger();

    @Override
    public AccessToken token() {
      return AccessToken.of("token-" + generation.get(), Instant.now().plusSeconds(300));
    }

    @Override
    public void invalidate(AccessToken rejected) {
      int g = generation.get();
      if (rejected.value().equals("token-" + g)) {
        generation.compareAndSet(g, g + 1);
      }
    }
  }
}
