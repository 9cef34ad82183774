package io.github.osdatahub.oauth2.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import io.github.osdatahub.oauth2.testkit.SpringBootProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Boots the example on the fake OS: Names through @HttpExchange, the relay, health and the meters. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MapApplicationTest {
  @RegisterExtension
  static final FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> {});

  @DynamicPropertySource
  static void os(DynamicPropertyRegistry registry) {
    SpringBootProperties.addTo(registry::add, hub);
    registry.add("spring.http.serviceclient.os.base-url", () -> hub.baseUri().toString());
  }

  @LocalServerPort
  int port;

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void namesRelayHealthAndMetersAnswer() throws Exception {
    HttpResponse<String> names = get("/names?q=Southampton");
    assertThat(names.statusCode()).isEqualTo(200);
    assertThat(names.body()).contains("Southampton");

    HttpResponse<String> relay = get("/os-token", "Sec-Fetch-Site", "same-origin");
    assertThat(relay.statusCode()).isEqualTo(200);
    assertThat(relay.body()).contains("\"access_token\"");

    assertThat(get("/os-oauth2/os-oauth2.js").statusCode()).isEqualTo(200);

    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"osDataHub\"").doesNotContain(hub.secret());

    for (String meter : new String[] {"os.datahub.token.fetches", "os.datahub.token.refresh",
        "os.datahub.token.waits", "os.datahub.token.invalidations", "os.datahub.token.remaining"}) {
      assertThat(get("/actuator/metrics/" + meter).statusCode()).as(meter).isEqualTo(200);
    }
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }
}
