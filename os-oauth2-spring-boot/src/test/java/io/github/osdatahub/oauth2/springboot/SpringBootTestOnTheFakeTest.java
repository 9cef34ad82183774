package io.github.osdatahub.oauth2.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import io.github.osdatahub.oauth2.testkit.SpringBootProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** A {@code @SpringBootTest} wired to the testkit's fake OS with one {@code @DynamicPropertySource} line. */
@SpringBootTest(classes = SpringBootTestOnTheFakeTest.Application.class)
class SpringBootTestOnTheFakeTest {
  @RegisterExtension
  static final FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> {});

  @DynamicPropertySource
  static void os(DynamicPropertyRegistry registry) {
    SpringBootProperties.addTo(registry::add, hub);
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration(OsDataHubAutoConfiguration.class)
  static class Application {}

  @Autowired
  TokenProvider tokens;

  @Autowired
  RestClientCustomizer osDataHub;

  @Test
  void theApplicationGetsTokensFromTheFakeAndItsNamesApiAnswers200() {
    RestClient.Builder builder = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory());
    osDataHub.customize(builder);

    int status = builder.build().get().uri(hub.namesUri("Southampton")).retrieve().toBodilessEntity()
        .getStatusCode().value();

    assertThat(status).isEqualTo(200);
    assertThat(tokens.token().value()).isNotBlank();
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }
}
