package io.github.osdatahub.oauth2.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * 200 concurrent WebClient requests, each started on a non-blocking thread, on a cold provider: one
 * token request, 200 answers, and no thread that must not block ever blocks (BlockHound fails the call
 * that would).
 */
class WebClientNonBlockingTest {
  @RegisterExtension
  static final FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> b.noRateLimit());

  @BeforeAll
  static void installBlockHound() {
    BlockHound.install();
  }

  @Test
  void blockHoundIsWatching() {
    // Proves the check below can fail: a sleep on a parallel-scheduler thread is refused.
    assertThatThrownBy(() -> Mono.fromCallable(() -> {
      Thread.sleep(1);
      return 1;
    }).subscribeOn(Schedulers.parallel()).block()).hasCauseInstanceOf(BlockingOperationError.class);
  }

  @Test
  void twoHundredConcurrentRequestsOnAColdProviderBlockNoEventLoop() {
    try (CachingTokenProvider provider = OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri()).build()) {
      WebClient client = WebClient.builder()
          .clientConnector(new ReactorClientHttpConnector())
          .filter(OsDataHubExchangeFilterFunction.create(provider, hub.tokenScope()))
          .build();
      URI names = hub.namesUri("Southampton");

      List<Integer> statuses = Flux.range(0, 200)
          .flatMap(i -> Mono.defer(() -> client.get().uri(names).retrieve().toBodilessEntity())
              .subscribeOn(Schedulers.parallel()) // the token is asked for on a thread that must not block
              .map(response -> response.getStatusCode().value()), 200)
          .collectList()
          .block();

      assertThat(statuses).hasSize(200).containsOnly(200);
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
      assertThat(hub.apiRequestCount()).isEqualTo(200);
    }
  }
}
