package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The entry point in core alone, where no transport or codec module is on the class path. */
class OsOAuth2Test {
  private final ProjectCredentials credentials = ProjectCredentials.of("key", "secret");

  @Test
  void withoutAnyModuleTheErrorNamesTheJsonArtifacts() {
    // No transport module is no error (core falls back to its own transport), no JSON module is.
    assertThatThrownBy(() -> OsOAuth2.tokenProvider(credentials))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("os-oauth2-jackson").hasMessageContaining("os-oauth2-gson");
  }

  @Test
  void withoutATransportModuleDiscoveryFallsBackToHttpUrlConnectionOnTheProvidersExecutor() throws Exception {
    HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext("/oauth2/token/v1", exchange -> {
      byte[] body = "{\"access_token\":\"fallback-token\",\"expires_in\":\"299\",\"token_type\":\"Bearer\"}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (exchange) {
        exchange.getResponseBody().write(body);
      }
    });
    endpoint.start();
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Executor counting = task -> {
      tasks.incrementAndGet();
      pool.execute(task);
    };
    OsOAuth2.Builder builder = OsOAuth2.builder(credentials)
        .endpoint(URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/oauth2/token/v1"))
        .jsonCodec(TestJsonCodec.create())
        .executor(counting);
    try (CachingTokenProvider provider = builder.build()) {
      assertThat(builder.buildClient().toString()).contains("transport=HttpUrlConnectionTransport");
      assertThat(provider.token().value()).isEqualTo("fallback-token");
      assertThat(tasks.get()).as("the exchange ran on the provider's executor").isEqualTo(1);
    } finally {
      endpoint.stop(0);
      pool.shutdownNow();
    }
  }

  @Test
  void withATransportButNoCodecTheErrorNamesTheJsonArtifacts() {
    assertThatThrownBy(() -> OsOAuth2.builder(credentials).transport(new ScriptedTransport()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("os-oauth2-jackson").hasMessageContaining("os-oauth2-gson");
  }

  @Test
  void explicitSettingsWinAndTheProviderServesTokens() {
    ManualTimeSource time = new ManualTimeSource();
    ScriptedTransport endpoint = new ScriptedTransport();
    try (CachingTokenProvider provider = OsOAuth2.builder(credentials)
        .endpoint(URI.create("http://127.0.0.1:9/oauth2/token/v1"))
        .transport(endpoint)
        .jsonCodec(ScriptedTransport.CODEC)
        .timeSource(time)
        .executor(Runnable::run)
        .maxWait(Duration.ofSeconds(1))
        .build()) {
      assertThat(provider.token().value()).isEqualTo("tok-1");
      assertThat(provider.token().value()).isEqualTo("tok-1");
      assertThat(endpoint.requests()).isEqualTo(1);
    }
  }

  @Test
  void aGivenTransportStaysTheCallersAndADiscoveredOneIsClosedWithTheProvider() {
    ClosingTransport given = new ClosingTransport();
    OsOAuth2.builder(credentials).transport(given).jsonCodec(ScriptedTransport.CODEC).build().close();
    assertThat(given.closed).isFalse();

    ClosingTransport discovered = new ClosingTransport();
    OsOAuth2.Builder builder = OsOAuth2.builder(credentials).transport(discovered).jsonCodec(ScriptedTransport.CODEC);
    TokenClient client = builder.buildClient();
    builder.transport = null; // what discovery leaves: no transport was given, so the provider made this one
    CachingTokenProvider provider = new CachingTokenProvider(client, builder);
    assertThat(discovered.closed).isFalse();
    provider.close();
    assertThat(discovered.closed).isTrue();
  }

  /** A transport that only records whether it was closed. */
  private static final class ClosingTransport implements io.github.osdatahub.oauth2.spi.HttpTransport {
    volatile boolean closed;

    @Override
    public io.github.osdatahub.oauth2.spi.TransportResponse send(TokenRequest request, Duration timeout) {
      throw new UnsupportedOperationException("not sent in this test");
    }

    @Override
    public java.util.concurrent.CompletableFuture<io.github.osdatahub.oauth2.spi.TransportResponse> sendAsync(
        TokenRequest request, Duration timeout) {
      throw new UnsupportedOperationException("not sent in this test");
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void aPlainHttpEndpointThatIsNotLoopbackIsRefused() {
    assertThatThrownBy(() -> OsOAuth2.builder(credentials).endpoint(URI.create("http://api.os.uk/oauth2/token/v1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
  }
}
