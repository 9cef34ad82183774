package io.github.osdatahub.oauth2.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import io.github.osdatahub.oauth2.testkit.SpringBootProperties;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Boot's own RestClient builder on the JDK {@code HttpClient}, as an application gets it: an OS API
 * answers 302 to another origin. The token must not reach it (the JDK 17 client would carry the
 * {@code Authorization} header there if it followed the redirect itself).
 */
class RedirectsDefaultTest {
  @RegisterExtension
  static final FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> {});

  private final List<String> elsewhere = new CopyOnWriteArrayList<>();
  private HttpServer other;

  @SpringBootConfiguration
  @ImportAutoConfiguration({HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
      RestClientAutoConfiguration.class, OsDataHubAutoConfiguration.class})
  static class Application {}

  @BeforeEach
  void startTheOtherOrigin() throws Exception {
    other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext("/", exchange -> {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      elsewhere.add(authorization == null ? "no Authorization" : authorization);
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    other.start();
  }

  @AfterEach
  void stopTheOtherOrigin() {
    other.stop(0);
  }

  private ConfigurableApplicationContext start(String... extra) {
    List<String> properties = new ArrayList<>(List.of("spring.http.clients.imperative.factory=jdk"));
    SpringBootProperties.addTo((name, value) -> properties.add(name + "=" + value.get()), hub);
    properties.addAll(List.of(extra));
    return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
        .properties(properties.toArray(String[]::new)).run();
  }

  private int getThroughBootsBuilder(ConfigurableApplicationContext context, URI uri) {
    RestClient client = context.getBean(RestClient.Builder.class).build();
    return client.get().uri(uri).retrieve().toBodilessEntity().getStatusCode().value();
  }

  @Test
  void aRedirectToAnotherOriginIsFollowedWithoutTheToken() {
    URI target = URI.create("http://localhost:" + other.getAddress().getPort() + "/elsewhere");
    hub.get().redirect("/moved", target);
    try (ConfigurableApplicationContext context = start()) {
      assertThat(context.getEnvironment().getProperty(RedirectsDefault.PROPERTY)).isEqualTo("dont-follow");

      int status = getThroughBootsBuilder(context, hub.get().baseUri().resolve("/moved"));

      assertThat(status).isEqualTo(200);
      assertThat(elsewhere).containsExactly("no Authorization");
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void theApplicationsOwnSettingWins() {
    try (ConfigurableApplicationContext context = start(RedirectsDefault.PROPERTY + "=follow")) {
      assertThat(context.getEnvironment().getProperty(RedirectsDefault.PROPERTY)).isEqualTo("follow");
      assertThat(context.getEnvironment().getPropertySources().contains(RedirectsDefault.SOURCE)).isFalse();
    }
  }
}
