package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.spi.HttpTransportProvider;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the JDK transport does beyond the shared contract: its client, user clients, discovery. */
class JdkHttpTransportClientTest {
  private static final ProjectCredentials CREDENTIALS = ProjectCredentials.of("jdk-key", "jdk-secret");

  @Test
  void defaultClientHasTheSdkDefaults() {
    HttpClient client = JdkHttpTransport.create().client();

    assertThat(client.connectTimeout()).contains(Duration.ofSeconds(5));
    assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void userClientIsUsedAsItIs() throws Exception {
    try (CannedSocketServer server = new CannedSocketServer(
        "HTTP/1.1 200 OK\r\nSet-Cookie: gateway=seen; Path=/\r\nContent-Length: 0\r\n\r\n")) {
      CookieManager cookies = new CookieManager();
      // The JDK's defaults (HTTP/2 preferred, redirects off) plus a cookie handler we can observe.
      HttpClient userClient = HttpClient.newBuilder().cookieHandler(cookies).build();
      JdkHttpTransport transport = JdkHttpTransport.create(userClient);
      URI endpoint = server.uri("/oauth2/token/v1");

      TransportResponse response = transport.send(TokenRequest.create(CREDENTIALS, endpoint), Duration.ofSeconds(10));

      assertThat(response.status()).isEqualTo(200);
      assertThat(transport.client()).isSameAs(userClient);
      assertThat(cookies.getCookieStore().getCookies()).extracting(HttpCookie::getName).containsExactly("gateway");
      assertThat(server.heads()).singleElement().asString().startsWith("POST /oauth2/token/v1 HTTP/1.1\r\n");
      assertThat(userClient.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(userClient.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
      assertThat(userClient.connectTimeout()).isEmpty();
    }
  }

  @Test
  void userClientThatFollowsRedirectsIsRejected() {
    for (HttpClient.Redirect policy : List.of(HttpClient.Redirect.NORMAL, HttpClient.Redirect.ALWAYS)) {
      HttpClient following = HttpClient.newBuilder().followRedirects(policy).build();

      assertThatThrownBy(() -> JdkHttpTransport.create(following))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(policy.toString())
          .hasMessageContaining("followRedirects(HttpClient.Redirect.NEVER)");
    }
  }

  @Test
  void serviceLoaderFindsTheProvider() {
    List<HttpTransportProvider> found = ServiceLoader
        .load(HttpTransportProvider.class, HttpTransportProvider.class.getClassLoader())
        .stream().map(ServiceLoader.Provider::get).toList();

    assertThat(found).filteredOn(p -> p.name().equals("jdk")).singleElement().satisfies(p -> {
      assertThat(p.priority()).isEqualTo(100);
      assertThat(p.create()).isInstanceOf(JdkHttpTransport.class);
    });
  }

  @Test
  void toStringShowsSettingsOnly() {
    assertThat(JdkHttpTransport.create()).hasToString("JdkHttpTransport[HTTP_1_1, connectTimeout=PT5S]");
  }
}
