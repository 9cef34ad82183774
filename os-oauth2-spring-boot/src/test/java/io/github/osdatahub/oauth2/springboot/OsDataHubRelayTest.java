package io.github.osdatahub.oauth2.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.github.osdatahub.oauth2.relay.TokenRelay;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.ResolvableType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The relay endpoints: off by default; on, a Spring MVC and a WebFlux route over {@link TokenRelay}. */
class OsDataHubRelayTest {
  @RegisterExtension
  static final FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> {});

  private static final AutoConfigurations CONFIG =
      AutoConfigurations.of(OsDataHubAutoConfiguration.class, OsDataHubRelayAutoConfiguration.class);

  private static String[] properties(String... more) {
    String[] base = {"os.datahub.key=" + hub.key(), "os.datahub.secret=" + hub.secret(),
        "os.datahub.token-url=" + hub.tokenUri()};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void theRelayIsOffUnlessEnabled() {
    new WebApplicationContextRunner().withConfiguration(CONFIG).withPropertyValues(properties())
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TokenRelay.class)
            .doesNotHaveBean("osDataHubRelayRoute"));
  }

  @Test
  void aNonWebApplicationGetsTheRelayButNoRoute() {
    new ApplicationContextRunner().withConfiguration(CONFIG).withPropertyValues(properties("os.datahub.relay.enabled=true"))
        .run(context -> assertThat(context).hasSingleBean(TokenRelay.class).doesNotHaveBean("osDataHubRelayRoute")
            .doesNotHaveBean("osDataHubReactiveRelayRoute"));
  }

  @Test
  void springMvcServesTheRelayAtTheConfiguredPathAsynchronously() {
    new WebApplicationContextRunner().withConfiguration(CONFIG)
        .withPropertyValues(properties("os.datahub.relay.enabled=true", "os.datahub.relay.path=/map/token",
            "os.datahub.relay.allowed-origins=https://maps.example"))
        .run(context -> {
          @SuppressWarnings("unchecked")
          org.springframework.web.servlet.function.RouterFunction<?> route =
              (org.springframework.web.servlet.function.RouterFunction<?>) context.getBean("osDataHubRelayRoute");
          MockMvc mvc = MockMvcBuilders.routerFunctions(route).build();

          MvcResult started = mvc.perform(get("/map/token").header("Sec-Fetch-Site", "same-origin")).andReturn();
          assertThat(started.getRequest().isAsyncStarted()).isTrue();
          MvcResult answer = mvc.perform(asyncDispatch(started)).andReturn();
          assertThat(answer.getResponse().getStatus()).isEqualTo(200);
          assertThat(answer.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
          assertThat(answer.getResponse().getContentAsString()).contains("\"access_token\"", "\"token_type\":\"Bearer\"");

          MvcResult allowed = answered(mvc, mvc.perform(get("/map/token").header("Origin", "https://maps.example"))
              .andReturn());
          assertThat(allowed.getResponse().getHeader("Access-Control-Allow-Origin")).isEqualTo("https://maps.example");

          MvcResult crossSite = answered(mvc, mvc.perform(get("/map/token").header("Origin", "https://evil.example"))
              .andReturn());
          assertThat(crossSite.getResponse().getStatus()).isEqualTo(403);
          assertThat(crossSite.getResponse().getContentAsString()).doesNotContain("access_token");

          MvcResult posted = answered(mvc, mvc.perform(post("/map/token")).andReturn());
          assertThat(posted.getResponse().getStatus()).isEqualTo(405);
          assertThat(hub.tokenRequestCount()).isEqualTo(1);
        });
  }

  /** An answer the relay had at once is written without async mode; one that waited, on async dispatch. */
  private static MvcResult answered(MockMvc mvc, MvcResult result) throws Exception {
    return result.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(result)).andReturn() : result;
  }

  @Test
  void webFluxServesTheRelay() {
    new ReactiveWebApplicationContextRunner().withConfiguration(CONFIG)
        .withPropertyValues(properties("os.datahub.relay.enabled=true"))
        .run(context -> {
          assertThat(context.getBeanNamesForType(ResolvableType.forClassWithGenerics(
              org.springframework.web.reactive.function.server.RouterFunction.class,
              org.springframework.web.reactive.function.server.ServerResponse.class))).containsExactly(
                  "osDataHubReactiveRelayRoute");
          @SuppressWarnings("unchecked")
          org.springframework.web.reactive.function.server.RouterFunction<?> route =
              (org.springframework.web.reactive.function.server.RouterFunction<?>)
                  context.getBean("osDataHubReactiveRelayRoute");
          WebTestClient client = WebTestClient.bindToRouterFunction(route).build();

          String body = client.get().uri("/os-token").header("Sec-Fetch-Site", "same-origin").exchange()
              .expectStatus().isOk().expectHeader().valueEquals("Cache-Control", "no-store")
              .expectBody(String.class).returnResult().getResponseBody();
          assertThat(body).contains("\"access_token\"");
          client.get().uri("/os-token").header("Origin", "https://evil.example").exchange()
              .expectStatus().isForbidden();
          assertThat(hub.tokenRequestCount()).isEqualTo(1);
        });
  }

  @Test
  void thePagesScriptIsWhereBootServesStaticResourcesFrom() {
    // Boot serves classpath:/META-INF/resources/ at / by default: this is /os-oauth2/os-oauth2.js.
    assertThat(getClass().getClassLoader().getResource("META-INF/resources/os-oauth2/os-oauth2.js")).isNotNull();
  }
}
