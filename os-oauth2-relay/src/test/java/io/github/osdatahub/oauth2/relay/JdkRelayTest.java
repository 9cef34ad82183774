package io.github.osdatahub.oauth2.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay through {@link RelayHttpHandler} on the JDK's HttpServer, and the page's script it serves. */
class JdkRelayTest extends RelayContract {
  @Override
  URI serve(TokenRelay relay, List<AutoCloseable> toClose) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    RelayHttpHandler.installOn(server, relay).start();
    toClose.add(() -> server.stop(0));
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  Class<?> serverRequestType() {
    return HttpExchange.class;
  }

  @Test
  void theScriptIsServedFromTheJarWithAnEtag() throws Exception {
    byte[] expected;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/os-oauth2/os-oauth2.js")) {
      expected = in.readAllBytes();
    }
    URI base = start(b -> b);
    RawHttp.Answer script = RawHttp.exchange(base, "GET", RelayHttpHandler.SCRIPT_PATH);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body()).isEqualTo(expected);
    assertThat(script.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(script.header("Cache-Control")).isEqualTo("public, max-age=600");
    String etag = script.header("ETag");
    assertThat(etag).matches("\"[0-9a-f]{32}\"");

    RawHttp.Answer revalidated = RawHttp.exchange(base, "GET", RelayHttpHandler.SCRIPT_PATH, "If-None-Match: " + etag);
    assertThat(revalidated.status()).isEqualTo(304);
    assertThat(revalidated.body()).isEmpty();
    RawHttp.Answer head = RawHttp.exchange(base, "HEAD", RelayHttpHandler.SCRIPT_PATH);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(RawHttp.exchange(base, "POST", RelayHttpHandler.SCRIPT_PATH).status()).isEqualTo(405);
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void onlyTheExactPathsAreAnswered() throws Exception {
    URI base = start(b -> b);
    for (String path : List.of("/os-token/x", "/os-tokens", "/os-oauth2/os-oauth2.js.map", "/os-oauth2/")) {
      assertThat(RawHttp.exchange(base, "GET", path).status()).as(path).isEqualTo(404);
    }
    assertThat(RawHttp.exchange(base, "GET", "/os-token?cache=1").status()).isEqualTo(200);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void anotherPathIsServedWhereTheRelaySays() throws Exception {
    URI base = start(b -> b.path("/api/map-token"));
    assertThat(RawHttp.exchange(base, "GET", "/api/map-token").status()).isEqualTo(200);
    assertThat(RawHttp.exchange(base, "GET", TokenRelay.DEFAULT_PATH).status()).isEqualTo(404);
  }
}
