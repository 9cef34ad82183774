package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** OsDataHubHttpClient behind an HTTP proxy that tunnels https with CONNECT. */
class OsDataHubHttpClientProxyTest {
  private static final long WAIT_SECONDS = 60;
  private static final AccessToken TOKEN = AccessToken.of("proxy-test-token", Instant.now().plusSeconds(300));

  @Test
  void a407ToConnectIsReturnedAsThePlainClientReturnsIt() throws Exception {
    try (CannedSocketServer proxy = new CannedSocketServer("HTTP/1.1 407 Proxy Authentication Required\r\n"
        + "Proxy-Authenticate: Basic realm=\"proxy\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
      HttpClient plain = HttpClient.newBuilder()
          .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.uri("/").getPort())))
          .build();
      TokenProvider provider = () -> TOKEN;
      OsDataHubHttpClient client = OsDataHubHttpClient.create(provider, plain, TokenScope.of("127.0.0.1"));
      // Never reached: the proxy refuses the tunnel.
      HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:9/search/names/v1/find")).build();

      HttpResponse<String> reference = plain.send(request, BodyHandlers.ofString());
      HttpResponse<String> sync = client.send(request, BodyHandlers.ofString());
      HttpResponse<String> async = client.sendAsync(request, BodyHandlers.ofString()).get(WAIT_SECONDS, TimeUnit.SECONDS);

      assertThat(reference.statusCode()).isEqualTo(407);
      for (HttpResponse<String> response : List.of(sync, async)) {
        assertThat(response.statusCode()).isEqualTo(407);
        assertThat(response.body()).isEqualTo(reference.body());
        assertThat(response.previousResponse()).isEmpty();
      }
      assertThat(proxy.heads()).hasSize(3).allSatisfy(head -> {
        assertThat(head).startsWith("CONNECT 127.0.0.1:9 ");
        assertThat(ScriptedSocketServer.header(head, "Authorization")).as("the token is for the origin only").isEmpty();
        assertThat(head).doesNotContain(TOKEN.value());
      });
    }
  }
}
