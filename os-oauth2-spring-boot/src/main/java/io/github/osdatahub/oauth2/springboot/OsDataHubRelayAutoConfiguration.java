package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.relay.RelayRequest;
import io.github.osdatahub.oauth2.relay.RelayResponse;
import io.github.osdatahub.oauth2.relay.TokenRelay;
import java.net.InetSocketAddress;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;

/**
 * The token relay ({@link TokenRelay}) for browser pages, when {@code os.datahub.relay.enabled=true}
 * and {@code os-oauth2-relay} is present: a functional route at {@code os.datahub.relay.path} in a
 * Spring MVC or a WebFlux application. Neither waits on a server thread for a token (MVC answers
 * asynchronously; WebFlux from the relay's future). It is an ordinary endpoint: the application's
 * Spring Security, if any, protects it like any other. The page's script, {@code os-oauth2.js}, is
 * served by Boot from the relay jar's {@code META-INF/resources} at {@code /os-oauth2/os-oauth2.js}.
 */
@AutoConfiguration(after = OsDataHubAutoConfiguration.class)
@ConditionalOnClass(TokenRelay.class)
@ConditionalOnProperty(prefix = "os.datahub.relay", name = "enabled", havingValue = "true")
public class OsDataHubRelayAutoConfiguration {
  /** Created by Spring. */
  public OsDataHubRelayAutoConfiguration() {}

  /**
   * @param provider the token provider
   * @param properties {@code os.datahub.relay.*}
   * @return the relay
   */
  @Bean
  @ConditionalOnMissingBean
  public TokenRelay osDataHubTokenRelay(TokenProvider provider, OsDataHubProperties properties) {
    return TokenRelay.builder(provider).path(properties.getRelay().getPath())
        .allowedOrigins(properties.getRelay().getAllowedOrigins()).build();
  }

  /** Spring MVC: the relay's answer completes an async response, so no container thread waits. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(org.springframework.web.servlet.function.RouterFunction.class)
  static class ServletRelayConfiguration {
    @Bean
    org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse>
        osDataHubRelayRoute(TokenRelay relay) {
      return org.springframework.web.servlet.function.RouterFunctions.route(
          org.springframework.web.servlet.function.RequestPredicates.path(relay.path()),
          request -> org.springframework.web.servlet.function.ServerResponse.async(relay.answer(RelayRequest.of(
              request.method().name(), name -> request.headers().firstHeader(name),
              request.servletRequest().getRemoteAddr(), request.servletRequest()))
              .thenApply(ServletRelayConfiguration::toResponse)));
    }

    private static org.springframework.web.servlet.function.ServerResponse toResponse(RelayResponse answer) {
      org.springframework.web.servlet.function.ServerResponse.BodyBuilder response =
          org.springframework.web.servlet.function.ServerResponse.status(HttpStatusCode.valueOf(answer.status()))
              .headers(headers -> answer.headers().forEach(headers::set));
      return answer.body().length == 0 ? response.build() : response.body(answer.body());
    }
  }

  /** WebFlux: the relay's future becomes the response, so no event-loop thread waits. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass(org.springframework.web.reactive.function.server.RouterFunction.class)
  static class ReactiveRelayConfiguration {
    @Bean
    org.springframework.web.reactive.function.server.RouterFunction<
        org.springframework.web.reactive.function.server.ServerResponse> osDataHubReactiveRelayRoute(TokenRelay relay) {
      return org.springframework.web.reactive.function.server.RouterFunctions.route(
          org.springframework.web.reactive.function.server.RequestPredicates.path(relay.path()),
          request -> reactor.core.publisher.Mono.fromFuture(() -> relay.answer(RelayRequest.of(
              request.method().name(), name -> request.headers().asHttpHeaders().getFirst(name),
              request.remoteAddress().map(InetSocketAddress::getAddress).map(a -> a.getHostAddress()).orElse(null),
              request.exchange())), true)
              .flatMap(ReactiveRelayConfiguration::toResponse));
    }

    private static reactor.core.publisher.Mono<org.springframework.web.reactive.function.server.ServerResponse>
        toResponse(RelayResponse answer) {
      org.springframework.web.reactive.function.server.ServerResponse.BodyBuilder response =
          org.springframework.web.reactive.function.server.ServerResponse.status(answer.status())
              .headers(headers -> answer.headers().forEach(headers::set));
      return answer.body().length == 0 ? response.build() : response.bodyValue(answer.body());
    }
  }
}
