package io.github.osdatahub.oauth2.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialEncoding;
import io.github.osdatahub.oauth2.TokenListener;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.TokenUnavailableException;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/** The auto-configuration's conditions, back-off and properties, against the testkit's fake OS. */
class OsDataHubAutoConfigurationTest {
  @RegisterExtension
  static final FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> {});

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(OsDataHubAutoConfiguration.class));

  private ApplicationContextRunner onTheFake() {
    return runner.withPropertyValues(
        "os.datahub.key=" + hub.key(),
        "os.datahub.secret=" + hub.secret(),
        "os.datahub.token-url=" + hub.tokenUri(),
        "os.datahub.scope=" + hub.host() + ":" + hub.get().port());
  }

  @Test
  void twoPropertiesGiveAProviderThatFetchesFromTheTokenUrl() {
    onTheFake().run(context -> {
      assertThat(context).hasSingleBean(CachingTokenProvider.class).hasSingleBean(TokenScope.class)
          .hasSingleBean(OsDataHubClientHttpRequestInterceptor.class)
          .hasSingleBean(OsDataHubExchangeFilterFunction.class);
      AccessToken token = context.getBean(TokenProvider.class).token();
      assertThat(token.value()).isNotBlank();
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
    });
  }

  @Test
  void theEnvironmentVariablesAreTheFallback() {
    runner.withPropertyValues("OS_PROJECT_API_KEY=" + hub.key(), "OS_PROJECT_API_SECRET=" + hub.secret(),
        "os.datahub.token-url=" + hub.tokenUri()).run(context -> {
          assertThat(context.getBean(TokenProvider.class).token().value()).isNotBlank();
        });
  }

  @Test
  void theProviderIsClosedWithTheContext() {
    CachingTokenProvider[] provider = new CachingTokenProvider[1];
    onTheFake().run(context -> provider[0] = context.getBean(CachingTokenProvider.class));

    assertThatThrownBy(provider[0]::token).isInstanceOf(TokenUnavailableException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void propertiesReachTheProviderAndTheScope() {
    onTheFake().withPropertyValues("os.datahub.scope=maps.example:8443,127.0.0.1:" + hub.get().port(),
        "os.datahub.max-wait=3s", "os.datahub.credential-encoding=raw").run(context -> {
          OsDataHubProperties properties = context.getBean(OsDataHubProperties.class);
          assertThat(properties.getMaxWait()).isEqualTo(Duration.ofSeconds(3));
          assertThat(properties.getCredentialEncoding()).isEqualTo(CredentialEncoding.RAW);
          TokenScope scope = context.getBean(TokenScope.class);
          assertThat(scope.permits(URI.create("https://api.os.uk/search/names/v1/find"))).isTrue();
          assertThat(scope.permits(URI.create("https://maps.example:8443/tiles"))).isTrue();
          assertThat(scope.permits(URI.create("https://maps.example/tiles"))).isFalse();
          assertThat(properties.toString()).doesNotContain(hub.secret());
          // RAW sends key:secret unencoded; the fake's letters-and-digits credentials pass either way.
          assertThat(context.getBean(TokenProvider.class).token().value()).isNotBlank();
        });
  }

  @Test
  void theApplicationsOwnProviderAndScopeWin() {
    TokenProvider mine = new FixedProvider();
    runner.withBean(TokenProvider.class, () -> mine).withBean(TokenScope.class, () -> TokenScope.of("x.example"))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(CachingTokenProvider.class);
          assertThat(context.getBean(TokenProvider.class)).isSameAs(mine);
          assertThat(context.getBean(TokenScope.class).hosts()).containsExactly("x.example");
          assertThat(context).hasSingleBean(OsDataHubClientHttpRequestInterceptor.class);
        });
  }

  @Test
  void theApplicationsOwnInterceptorAndFilterWin() {
    OsDataHubClientHttpRequestInterceptor interceptor =
        OsDataHubClientHttpRequestInterceptor.create(new FixedProvider(), TokenScope.defaults());
    OsDataHubExchangeFilterFunction filter = OsDataHubExchangeFilterFunction.create(new FixedProvider(),
        TokenScope.defaults());
    onTheFake().withBean(OsDataHubClientHttpRequestInterceptor.class, () -> interceptor)
        .withBean(OsDataHubExchangeFilterFunction.class, () -> filter).run(context -> {
          assertThat(context.getBean(OsDataHubClientHttpRequestInterceptor.class)).isSameAs(interceptor);
          assertThat(context.getBean(OsDataHubExchangeFilterFunction.class)).isSameAs(filter);
        });
  }

  @Test
  void withoutWebClientThereIsNoFilterAndWithoutBootsRestClientNoInterceptor() {
    onTheFake().withClassLoader(new FilteredClassLoader(WebClient.class)).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(OsDataHubExchangeFilterFunction.class)
          .doesNotHaveBean(WebClientCustomizer.class).hasSingleBean(RestClientCustomizer.class);
    });
    onTheFake().withClassLoader(new FilteredClassLoader(RestClientCustomizer.class)).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(OsDataHubClientHttpRequestInterceptor.class)
          .hasSingleBean(CachingTokenProvider.class);
    });
  }

  @Test
  void theCustomizersPutTheTokenOnRestClientRestTemplateAndWebClientRequests() {
    onTheFake().run(context -> {
      URI names = hub.namesUri("Southampton");

      RestClient.Builder restClient = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory());
      context.getBean(RestClientCustomizer.class).customize(restClient);
      assertThat(restClient.build().get().uri(names).retrieve().toBodilessEntity().getStatusCode().value())
          .isEqualTo(200);

      RestTemplate template = new RestTemplate(new JdkClientHttpRequestFactory());
      context.getBean(RestTemplateCustomizer.class).customize(template);
      assertThat(template.getForEntity(names, String.class).getStatusCode().value()).isEqualTo(200);

      WebClient.Builder webClient = WebClient.builder();
      context.getBean(WebClientCustomizer.class).customize(webClient);
      assertThat(webClient.build().get().uri(names).retrieve().toBodilessEntity().block().getStatusCode().value())
          .isEqualTo(200);

      assertThat(hub.tokenRequestCount()).isEqualTo(1);
      assertThat(hub.apiRequestCount()).isEqualTo(3);
    });
  }

  @Test
  void everyListenerBeanHearsTheProvidersEvents() {
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    onTheFake().withBean("first", TokenListener.class, () -> recording(first))
        .withBean("second", TokenListener.class, () -> recording(second)).run(context -> {
          context.getBean(TokenProvider.class).token();
          // Listener calls run on the provider's executor, after the token is handed out; closing the
          // context drops those still queued, so wait for them here (bounded, not timed).
          for (int i = 0; i < 10_000 && (first.size() < 3 || second.size() < 3); i++) {
            Thread.sleep(1);
          }
        });

    assertThat(first).containsExactlyInAnyOrder("waiting", "fetched", "completed ok");
    assertThat(second).isEqualTo(first);
  }

  private static TokenListener recording(List<String> events) {
    return new TokenListener() {
      @Override
      public void onTokenFetched(AccessToken token) {
        events.add("fetched");
      }

      @Override
      public void onRefreshCompleted(Duration elapsed, boolean succeeded) {
        events.add("completed " + (succeeded ? "ok" : "failed"));
      }

      @Override
      public void onCallerWaiting() {
        events.add("waiting");
      }
    };
  }

  /** A provider for beans that are never called in these tests. */
  private static final class FixedProvider implements TokenProvider {
    @Override
    public AccessToken token() {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<AccessToken> tokenAsync() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void invalidate(AccessToken rejected) {}
  }
}
