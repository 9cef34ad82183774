package io.github.osdatahub.oauth2.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * An {@code @HttpExchange} client of a Spring 7 HTTP service group gets the token with nothing but the
 * group's base URL: Boot applies every {@code RestClientCustomizer} (ours among them) to each group's
 * client, so this module adds no configurer of its own (a second one would install the interceptor twice).
 */
class HttpServiceGroupTest {
  @RegisterExtension
  static final FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> {});

  /** OS Names, as an application would declare it. */
  @HttpExchange("/search/names/v1")
  interface NamesApi {
    @GetExchange("/find")
    String find(@RequestParam("query") String query);
  }

  @Configuration(proxyBeanMethods = false)
  @ImportHttpServices(group = "os", types = NamesApi.class)
  static class Application {}

  @Test
  void aGroupClientCarriesTheTokenAndGetsA200() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
            ImperativeHttpClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
            RestClientAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
            OsDataHubAutoConfiguration.class))
        .withUserConfiguration(Application.class)
        .withPropertyValues("os.datahub.key=" + hub.key(), "os.datahub.secret=" + hub.secret(),
            "os.datahub.token-url=" + hub.tokenUri(), "os.datahub.scope=" + hub.host() + ":" + hub.get().port(),
            "spring.http.serviceclient.os.base-url=" + hub.baseUri())
        .run(context -> {
          assertThat(context).hasNotFailed();
          String answer = context.getBean(NamesApi.class).find("Southampton");

          assertThat(answer).contains("Southampton");
          assertThat(hub.tokenRequestCount()).isEqualTo(1);
          assertThat(hub.apiRequestCount()).isEqualTo(1);
        });
  }
}
