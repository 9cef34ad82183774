package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenListener;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of os-oauth2 for Spring Boot 4: a {@link CachingTokenProvider} from the
 * {@code os.datahub.*} properties (closed with the context), its {@link TokenScope}, and, when their
 * libraries are present, the RestClient/RestTemplate interceptor and the WebClient filter applied
 * through Boot's customizers. Every bean backs off when the application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(OsDataHubProperties.class)
public class OsDataHubAutoConfiguration {
  /** Created by Spring. */
  public OsDataHubAutoConfiguration() {}

  /**
   * @param properties {@code os.datahub.*}
   * @return api.os.uk and the hosts in {@code os.datahub.scope}
   */
  @Bean
  @ConditionalOnMissingBean
  public TokenScope osDataHubTokenScope(OsDataHubProperties properties) {
    return TokenScope.defaults().and(properties.getScope().toArray(String[]::new));
  }

  /**
   * @param properties {@code os.datahub.*}
   * @param environment for the {@code OS_PROJECT_API_KEY} and {@code OS_PROJECT_API_SECRET} fallback
   * @param listeners the application's {@link TokenListener} beans, all told of every event
   * @return the provider, closed with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(TokenProvider.class)
  public CachingTokenProvider osDataHubTokenProvider(OsDataHubProperties properties, Environment environment,
      ObjectProvider<TokenListener> listeners) {
    OsOAuth2.Builder builder = OsOAuth2.builder(credentials(properties, environment))
        .endpoint(properties.getTokenUrl())
        .credentialEncoding(properties.getCredentialEncoding())
        .maxWait(properties.getMaxWait());
    List<TokenListener> all = listeners.orderedStream().collect(Collectors.toList());
    if (!all.isEmpty()) {
      builder.listener(all.size() == 1 ? all.get(0) : new TokenListeners(all));
    }
    return builder.build();
  }

  private static ProjectCredentials credentials(OsDataHubProperties properties, Environment environment) {
    String key = firstSet(properties.getKey(), environment.getProperty(ProjectCredentials.KEY_VARIABLE));
    String secret = firstSet(properties.getSecret(), environment.getProperty(ProjectCredentials.SECRET_VARIABLE));
    List<String> missing = new ArrayList<>();
    if (key == null) {
      missing.add("os.datahub.key");
    }
    if (secret == null) {
      missing.add("os.datahub.secret");
    }
    if (!missing.isEmpty()) {
      throw new MissingOsDataHubCredentialsException(missing);
    }
    return ProjectCredentials.of(key.strip(), secret.strip());
  }

  private static String firstSet(String first, String second) {
    return first != null && !first.isBlank() ? first : second != null && !second.isBlank() ? second : null;
  }

  /**
   * @return the cache's last reported state, read by the health indicator and the gauge
   */
  @Bean
  @ConditionalOnMissingBean
  public OsDataHubTokenState osDataHubTokenState() {
    return new OsDataHubTokenState();
  }

  /** Health, from the cache's state alone, when Boot's health support is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "osDataHubHealthIndicator")
    OsDataHubHealthIndicator osDataHubHealthIndicator(OsDataHubTokenState state) {
      return new OsDataHubHealthIndicator(state);
    }
  }

  /** Micrometer meters when Micrometer is present: a MeterBinder, which Boot binds to each registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterBinder.class)
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    OsDataHubMetrics osDataHubMetrics(OsDataHubTokenState state) {
      return new OsDataHubMetrics(state);
    }
  }

  /** RestClient and RestTemplate: the interceptor, added to every builder Boot hands out. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(RestClientCustomizer.class)
  static class RestClientConfiguration {
    @Bean
    @ConditionalOnMissingBean
    OsDataHubClientHttpRequestInterceptor osDataHubClientHttpRequestInterceptor(TokenProvider provider,
        TokenScope scope) {
      return OsDataHubClientHttpRequestInterceptor.create(provider, scope);
    }

    @Bean
    RestClientCustomizer osDataHubRestClientCustomizer(OsDataHubClientHttpRequestInterceptor interceptor) {
      return builder -> builder.requestInterceptor(interceptor);
    }

    @Bean
    RestTemplateCustomizer osDataHubRestTemplateCustomizer(OsDataHubClientHttpRequestInterceptor interceptor) {
      return template -> template.getInterceptors().add(interceptor);
    }
  }

  /** WebClient: the non-blocking filter, added to every builder Boot hands out. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({WebClient.class, WebClientCustomizer.class})
  static class WebClientConfiguration {
    @Bean
    @ConditionalOnMissingBean
    OsDataHubExchangeFilterFunction osDataHubExchangeFilterFunction(TokenProvider provider, TokenScope scope) {
      return OsDataHubExchangeFilterFunction.create(provider, scope);
    }

    @Bean
    WebClientCustomizer osDataHubWebClientCustomizer(OsDataHubExchangeFilterFunction filter) {
      return builder -> builder.filter(filter);
    }
  }
}
