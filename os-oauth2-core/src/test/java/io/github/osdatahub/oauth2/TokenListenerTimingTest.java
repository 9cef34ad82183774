package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The listener events meters need: how long each refresh took on the provider's clock, and how many
 * callers had to wait for one. On a manual clock, with listener calls run inline.
 */
class TokenListenerTimingTest {
  private final ManualTimeSource time = new ManualTimeSource();
  private final ScriptedTransport endpoint = new ScriptedTransport();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private CachingTokenProvider provider;

  @AfterEach
  void tearDown() {
    provider.close();
  }

  private CachingTokenProvider start() {
    provider = OsOAuth2.builder(ProjectCredentials.of("key", "secret"))
        .transport(endpoint)
        .jsonCodec(ScriptedTransport.CODEC)
        .timeSource(time)
        .maxAttempts(1)
        .executor(Runnable::run)
        .random(() -> 0.0)
        .listener(new TokenListener() {
          @Override
          public void onTokenFetched(AccessToken token) {
            events.add("fetched");
          }

          @Override
          public void onRefreshFailed(OsOAuth2Exception failure, boolean servingCachedToken) {
            events.add("failed");
          }

          @Override
          public void onRefreshCompleted(Duration elapsed, boolean succeeded) {
            events.add("completed " + elapsed.toMillis() + " ms " + (succeeded ? "ok" : "failed"));
          }

          @Override
          public void onCallerWaiting() {
            events.add("waiting");
          }
        })
        .build();
    return provider;
  }

  @Test
  void aRefreshReportsItsDurationOnTheProvidersClockAfterItsOutcome() {
    CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
    endpoint.respondWith(n -> answer);
    start();

    CompletableFuture<AccessToken> first = provider.tokenAsync();
    time.advance(Duration.ofMillis(750));
    answer.complete(endpoint.token(1));

    assertThat(first.join().value()).isEqualTo("tok-1");
    assertThat(events).containsExactly("waiting", "fetched", "completed 750 ms ok");
  }

  @Test
  void aFailedRefreshReportsItsDurationAsFailed() {
    CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
    endpoint.respondWith(n -> answer);
    start();

    CompletableFuture<AccessToken> first = provider.tokenAsync();
    time.advance(Duration.ofMillis(40));
    answer.complete(TransportResponse.of(503, Map.of(), new byte[0]));

    assertThat(first).isCompletedExceptionally();
    assertThat(events).containsExactly("waiting", "failed", "completed 40 ms failed");
  }

  @Test
  void everyCallerThatWaitsIsCountedAndCallersServedFromTheCacheAreNot() {
    CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
    endpoint.respondWith(n -> answer);
    start();

    List<CompletableFuture<AccessToken>> waiting = List.of(provider.tokenAsync(), provider.tokenAsync(),
        provider.tokenAsync());
    answer.complete(endpoint.token(1));
    waiting.forEach(CompletableFuture::join);
    provider.token();
    provider.tokenAsync().join();

    assertThat(events.stream().filter("waiting"::equals)).hasSize(3);
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void aCallerServedTheCachedTokenDuringABackgroundRefreshDoesNotWait() {
    endpoint.succeed();
    start();
    provider.token();
    events.clear();
    CompletableFuture<TransportResponse> slow = new CompletableFuture<>();
    endpoint.respondWith(n -> slow);

    time.advance(Duration.ofSeconds(240)); // past refresh-ahead, before hard expiry
    assertThat(provider.token().value()).isEqualTo("tok-1");
    slow.complete(endpoint.token(2));

    assertThat(events).containsExactly("fetched", "completed 0 ms ok");
  }
}
