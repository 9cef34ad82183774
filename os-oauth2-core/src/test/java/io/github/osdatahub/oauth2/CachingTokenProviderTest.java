package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache's rules (DESIGN.md, "The cache") on a manual clock. The client makes one attempt per
 * fetch, so every token request counted here is one the cache decided to make.
 */
class CachingTokenProviderTest {
  private static final Duration L = Duration.ofSeconds(299);
  /** With no jitter: refresh-ahead at L - min(60 s, L/4) = 239 s, hard expiry at L - min(30 s, L/10) = 269.1 s. */
  private static final Duration REFRESH_AT = Duration.ofSeconds(239);
  private static final Duration EXPIRE_AT = Duration.ofMillis(269_100);

  private final ManualTimeSource time = new ManualTimeSource();
  private final ScriptedTransport endpoint = new ScriptedTransport();
  private final List<String> events = new ArrayList<>();
  private ExecutorService pool;
  private CachingTokenProvider provider;

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private OsOAuth2.Builder builder() {
    return OsOAuth2.builder(ProjectCredentials.of("key", "secret"))
        .transport(endpoint)
        .jsonCodec(ScriptedTransport.CODEC)
        .timeSource(time)
        .maxAttempts(1)
        .executor(Runnable::run)
        .random(() -> 0.0)
        .listener(new TokenListener() {
          @Override
          public void onTokenFetched(AccessToken token) {
            events.add("fetched " + token.fingerprint());
          }

          @Override
          public void onRefreshFailed(OsOAuth2Exception failure, boolean servingCachedToken) {
            events.add("failed " + failure.status() + (servingCachedToken ? " serving" : " none"));
          }

          @Override
          public void onTokenInvalidated(AccessToken token) {
            events.add("invalidated " + token.fingerprint());
          }
        });
  }

  private CachingTokenProvider start() {
    provider = builder().build();
    return provider;
  }

  @Test
  void coldProviderWith200ThreadsMakesOneTokenRequest() throws Exception {
    CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
    endpoint.respondWith(n -> answer);
    pool = Executors.newFixedThreadPool(200);
    provider = builder().executor(pool).build();
    CountDownLatch started = new CountDownLatch(200);
    List<Future<AccessToken>> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      results.add(pool.submit(() -> {
        started.countDown();
        return provider.token();
      }));
    }
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    answer.complete(endpoint.token(1));
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    for (Future<AccessToken> f : results) {
      tokens.add(f.get(10, TimeUnit.SECONDS).value());
    }
    assertThat(endpoint.requests()).isEqualTo(1);
    assertThat(tokens).containsExactly("tok-1");
    assertThat(provider.stats().refreshes()).isEqualTo(1);
  }

  @Test
  void continuousCallsOverTenLifetimesMakeOneRequestPerRefreshInterval() {
    start();
    long seconds = 10 * L.getSeconds();
    Set<String> seen = new HashSet<>();
    for (long t = 0; t <= seconds; t++) {
      seen.add(provider.token().value());
      time.advance(Duration.ofSeconds(1));
    }
    long expected = 1 + seconds / REFRESH_AT.getSeconds();
    assertThat(endpoint.requests()).isEqualTo((int) expected);
    assertThat(seen).hasSize((int) expected);
    assertThat(provider.stats().tokenRequests()).isEqualTo(expected);
  }

  @Test
  void hotPathServesTheCachedTokenWithoutAnyRequestUntilRefreshAhead() {
    start();
    AccessToken first = provider.token();
    time.advance(REFRESH_AT.minusMillis(1));
    for (int i = 0; i < 1_000; i++) {
      assertThat(provider.token()).isSameAs(first);
    }
    assertThat(endpoint.requests()).isEqualTo(1);
    time.advance(Duration.ofMillis(1));
    provider.token();
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void callersInTheRefreshAheadWindowDoNotWaitForTheRefresh() {
    start();
    AccessToken first = provider.token();
    List<CompletableFuture<TransportResponse>> pending = new ArrayList<>();
    endpoint.respondWith(n -> {
      CompletableFuture<TransportResponse> f = new CompletableFuture<>();
      pending.add(f);
      return f; // the endpoint "takes 2 s": it answers only when the test says so
    });
    time.advance(REFRESH_AT);
    for (int i = 0; i < 100; i++) {
      assertThat(provider.token()).isEqualTo(first);
      assertThat(provider.tokenAsync()).isCompletedWithValue(first);
      time.advance(Duration.ofMillis(20)); // 2 s in all, still before hard expiry
    }
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0)).isNotDone();
    pending.get(0).complete(endpoint.token(2));
    assertThat(provider.token().value()).isEqualTo("tok-2");
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void failingRefreshKeepsServingTheValidTokenAndBacksOffExponentially() {
    provider = builder().random(() -> 1.0).build(); // full jitter at its bound: 1 s, 2 s, 4 s, 8 s, 16 s
    AccessToken first = provider.token();
    endpoint.fail(503);
    time.advance(REFRESH_AT);
    List<Long> attemptsAt = new ArrayList<>();
    int before = endpoint.requests();
    for (int tenths = 0; tenths < 300; tenths++) { // 30 s in steps of 100 ms, to hard expiry
      assertThat(provider.token()).isEqualTo(first);
      if (endpoint.requests() != before) {
        attemptsAt.add(tenths / 10L);
        before = endpoint.requests();
      }
      time.advance(Duration.ofMillis(100));
    }
    assertThat(attemptsAt).containsExactly(0L, 1L, 3L, 7L, 15L);
    assertThat(events).contains("failed 503 serving");
  }

  @Test
  void firstSuccessAfterFailuresReplacesTheToken() {
    provider = builder().random(() -> 1.0).build();
    provider.token();
    endpoint.fail(503);
    time.advance(REFRESH_AT);
    provider.token(); // attempt fails at 239 s
    endpoint.succeed();
    time.advance(Duration.ofSeconds(1));
    provider.token(); // backoff over: this call starts the refresh, which succeeds at once
    assertThat(provider.token().value()).isEqualTo("tok-3");
    assertThat(provider.stats().failures()).isEqualTo(1);
    time.advance(Duration.ofSeconds(200)); // the new token is fresh for its own 239 s
    provider.token();
    assertThat(endpoint.requests()).isEqualTo(3);
  }

  @Test
  void pastHardExpiryWithTheEndpointFailingCallersGetTheTypedErrorAndAttemptsStayBounded() {
    provider = builder().random(() -> 1.0).build();
    provider.token();
    endpoint.fail(503);
    time.advance(EXPIRE_AT);
    int failures = 0;
    for (int i = 0; i < 600; i++) { // one minute of calls, every 100 ms
      try {
        provider.token();
      } catch (ServerErrorException e) {
        assertThat(e.status()).isEqualTo(503);
        failures++;
      }
      time.advance(Duration.ofMillis(100));
    }
    assertThat(failures).isEqualTo(600);
    // With no valid token the backoff bound stops at 5 s: 1 s, 2 s, 4 s, then 5 s apart, so attempts
    // at 0, 1, 3, 7, 12, 17, ... 57 s of the minute.
    assertThat(endpoint.requests()).isEqualTo(1 + 14);
  }

  @Test
  void afterATwoMinuteOutagePastHardExpiryCallersGetATokenWithinFiveSecondsOfRecovery() {
    // The client as shipped (three attempts with their own backoff), the cache's jitter at its bound.
    provider = OsOAuth2.builder(ProjectCredentials.of("key", "secret")).transport(endpoint)
        .jsonCodec(ScriptedTransport.CODEC).timeSource(time).executor(Runnable::run).random(() -> 1.0).build();
    provider.token();
    endpoint.fail(503);
    time.advance(EXPIRE_AT);
    long outageEnd = time.nanoTime() + Duration.ofMinutes(2).toNanos();
    CompletableFuture<AccessToken> call = provider.tokenAsync(); // async: the client's retries need the clock to move
    while (!(call.isDone() && !call.isCompletedExceptionally())) {
      time.advance(Duration.ofMillis(100)); // callers keep calling, every 100 ms
      if (time.nanoTime() - outageEnd >= 0) {
        endpoint.succeed();
      }
      if (call.isDone()) {
        call = provider.tokenAsync();
      }
    }
    assertThat(Duration.ofNanos(time.nanoTime() - outageEnd)).isLessThanOrEqualTo(Duration.ofMillis(5_100));
  }

  @Test
  void whileAValidTokenIsHeldTheLongBackoffStays() {
    provider = builder().random(() -> 1.0).refreshAhead(Duration.ofSeconds(200), 0.9).build();
    AccessToken first = provider.token(); // 299 s token, refresh due from 99 s, expiry at 269.1 s
    endpoint.fail(503);
    time.advance(Duration.ofSeconds(99));
    int before = endpoint.requests();
    for (int tenths = 0; tenths < 1_600; tenths++) { // 160 s, all with a valid token
      assertThat(provider.token()).isEqualTo(first);
      time.advance(Duration.ofMillis(100));
    }
    // 1 + 2 + 4 + 8 + 16 + 32 + 64 = 127 s: attempts at 0, 1, 3, 7, 15, 31, 63, 127 s; none capped at 5 s.
    assertThat(endpoint.requests() - before).isEqualTo(8);
  }

  @Test
  void callerWaitingPastHardExpiryGivesUpAtItsOwnDeadline() throws Exception {
    provider = builder().maxWait(Duration.ofSeconds(3)).build();
    provider.token();
    endpoint.respondWith(n -> new CompletableFuture<>()); // never answers
    time.advance(EXPIRE_AT);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        provider.token();
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    caller.start();
    // Until the caller is parked on its deadline (or has failed, which the asserts show).
    Waiting.until(() -> !caller.isAlive() || caller.getState() == Thread.State.WAITING, "the caller to wait");
    time.advance(Duration.ofSeconds(3));
    caller.join(10_000);
    assertThat(failure.get()).isInstanceOf(TokenUnavailableException.class)
        .hasMessageContaining("no token within PT3S");
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void rejectedCredentialsAreReportedAndRememberedWithoutHammeringTheEndpoint() {
    endpoint.fail(401);
    start();
    assertThatThrownBy(provider::token).isInstanceOf(CredentialsRejectedException.class);
    for (int i = 0; i < 1_000; i++) {
      assertThatThrownBy(provider::token).isInstanceOf(CredentialsRejectedException.class);
      time.advance(Duration.ofMillis(5)); // five seconds in all
    }
    assertThat(endpoint.requests()).isEqualTo(1);
    time.advance(Duration.ofSeconds(30)); // the remembered failure runs out: one new attempt
    assertThatThrownBy(provider::token).isInstanceOf(CredentialsRejectedException.class);
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void invalidatingAnOlderTokenDoesNothing() {
    start();
    AccessToken first = provider.token();
    provider.invalidate(first);
    AccessToken second = provider.token();
    assertThat(second).isNotEqualTo(first);
    provider.invalidate(first);
    assertThat(provider.token()).isSameAs(second);
    assertThat(endpoint.requests()).isEqualTo(2);
    assertThat(provider.stats().invalidations()).isEqualTo(1);
  }

  @Test
  void hundredThreadsInvalidatingTheCurrentTokenCauseOneRefresh() throws Exception {
    pool = Executors.newFixedThreadPool(100);
    provider = builder().executor(pool).build();
    AccessToken rejected = provider.token();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<AccessToken>> results = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      results.add(pool.submit(() -> {
        go.await();
        provider.invalidate(rejected);
        return provider.token();
      }));
    }
    go.countDown();
    for (Future<AccessToken> f : results) {
      assertThat(f.get(10, TimeUnit.SECONDS).value()).isEqualTo("tok-2");
    }
    assertThat(endpoint.requests()).isEqualTo(2);
    assertThat(provider.stats().invalidations()).isEqualTo(1);
  }

  @Test
  void tokenWithEnoughLeftIsServedFromTheCache() {
    start();
    AccessToken first = provider.token();
    time.advance(Duration.ofSeconds(200)); // 99 s left
    assertThat(provider.tokenAsync(Duration.ofSeconds(60))).isCompletedWithValue(first);
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void tokenWithTooLittleLeftWaitsForTheRefreshWithoutDroppingTheCachedToken() {
    start();
    AccessToken first = provider.token();
    List<CompletableFuture<TransportResponse>> pending = new ArrayList<>();
    endpoint.respondWith(n -> {
      CompletableFuture<TransportResponse> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    });
    time.advance(REFRESH_AT.plusSeconds(5)); // 55 s left: the background refresh is in flight
    assertThat(provider.token()).isEqualTo(first);
    CompletableFuture<AccessToken> renewed = provider.tokenAsync(Duration.ofSeconds(60));
    CompletableFuture<AccessToken> another = provider.tokenAsync(Duration.ofSeconds(60));
    assertThat(renewed).isNotDone();
    assertThat(provider.tokenAsync()).isCompletedWithValue(first); // still served to everyone else
    pending.get(0).complete(endpoint.token(2));
    assertThat(renewed).isCompletedWithValueMatching(t -> t.value().equals("tok-2"));
    assertThat(another).isCompletedWithValueMatching(t -> t.value().equals("tok-2"));
    assertThat(pending).hasSize(1);
    assertThat(endpoint.requests()).isEqualTo(2);
    assertThat(events).noneMatch(e -> e.startsWith("invalidated"));
  }

  @Test
  void aFailedRenewalFailsOnlyTheCallerThatAskedForMore() {
    provider = builder().random(() -> 1.0).build();
    AccessToken first = provider.token();
    time.advance(Duration.ofSeconds(200)); // fresh, 99 s left: asking for 120 s starts a refresh early
    endpoint.fail(503);
    assertThatThrownBy(() -> provider.tokenAsync(Duration.ofSeconds(120)).join())
        .hasCauseInstanceOf(ServerErrorException.class);
    assertThat(provider.token()).isEqualTo(first); // the valid token is kept
    assertThatThrownBy(() -> provider.tokenAsync(Duration.ofSeconds(120)).join())
        .hasCauseInstanceOf(ServerErrorException.class); // backing off: no new request
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void askingForMoreThanTheEndpointsLifetimeFailsWithoutARequest() {
    endpoint.lifetime(Duration.ofSeconds(6));
    start();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> provider.tokenAsync(Duration.ofSeconds(60)).join())
          .hasCauseInstanceOf(TokenUnavailableException.class)
          .cause().hasMessageContaining("less than the PT1M asked for");
    }
    assertThat(endpoint.requests()).isEqualTo(1); // the first token only: no request per call
  }

  @Test
  void aRenewedTokenThatStillLastsTooLittleFailsAfterOneRefresh() {
    endpoint.lifetime(Duration.ofSeconds(6));
    start();
    time.advance(Duration.ofSeconds(1)); // 5 s left; a fresh token would have 6 s, but its request takes 2 s
    endpoint.respondWith(n -> {
      time.advance(Duration.ofSeconds(2));
      return CompletableFuture.completedFuture(endpoint.token(n));
    });
    assertThatThrownBy(() -> provider.tokenAsync(Duration.ofMillis(5_500)).join())
        .hasCauseInstanceOf(TokenUnavailableException.class);
    assertThat(endpoint.requests()).isEqualTo(2); // one renewal, no loop
  }

  @Test
  void hundredThreadsAskingForMoreCauseOneRefresh() throws Exception {
    pool = Executors.newFixedThreadPool(100);
    provider = builder().executor(pool).build();
    AccessToken first = provider.token();
    time.advance(REFRESH_AT.plusSeconds(10)); // 50 s left
    CountDownLatch go = new CountDownLatch(1);
    List<Future<AccessToken>> results = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      results.add(pool.submit(() -> {
        go.await();
        return provider.tokenAsync(Duration.ofSeconds(60)).get(10, TimeUnit.SECONDS);
      }));
    }
    go.countDown();
    for (Future<AccessToken> f : results) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isNotEqualTo(first);
    }
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void wallClockJumpPastExpiryCausesARefresh() {
    start();
    AccessToken first = provider.token();
    time.jumpWallClock(Duration.ofMinutes(10)); // a suspended machine wakes; the monotonic clock did not move
    time.advance(Duration.ofSeconds(5)); // the timer's next clock check
    AccessToken next = provider.token();
    assertThat(next).isNotEqualTo(first);
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void closeFailsLaterCallsAndStopsTheTimer() {
    start();
    provider.token();
    assertThat(time.pendingTasks()).isEqualTo(1); // the timer that ages the token
    provider.close();
    assertThat(time.pendingTasks()).isZero();
    assertThatThrownBy(provider::token).isInstanceOf(TokenUnavailableException.class).hasMessageContaining("closed");
    assertThat(provider.tokenAsync()).isCompletedExceptionally();
    time.advance(Duration.ofHours(1));
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void noThreadOrTimerBeforeFirstUse() {
    start();
    assertThat(time.pendingTasks()).isZero();
    assertThat(endpoint.requests()).isZero();
    provider.token();
    assertThat(time.pendingTasks()).isPositive(); // the timer that ages the token
  }

  @Test
  void shortTokensScaleTheirDeadlines() {
    endpoint.lifetime(Duration.ofSeconds(20)); // refresh at 20 - 5 = 15 s, expire at 20 - 2 = 18 s
    start();
    AccessToken first = provider.token();
    time.advance(Duration.ofMillis(14_999));
    assertThat(provider.token()).isSameAs(first);
    assertThat(endpoint.requests()).isEqualTo(1);
    time.advance(Duration.ofMillis(1));
    assertThat(provider.token()).isSameAs(first); // still valid: served while the refresh runs
    assertThat(provider.token()).isNotEqualTo(first); // the direct executor finished that refresh
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void listenerHearsFetchFailureAndInvalidation() {
    start();
    AccessToken first = provider.token();
    endpoint.fail(503);
    provider.invalidate(first); // starts a refresh, which fails: no token is left to serve
    endpoint.succeed();
    time.advance(Duration.ofSeconds(1)); // past the first backoff
    AccessToken second = provider.token();
    assertThat(events).containsExactly("fetched " + first.fingerprint(), "invalidated " + first.fingerprint(),
        "failed 503 none", "fetched " + second.fingerprint());
  }

  @Test
  void builderRejectsBadSettingsNamingThem() {
    OsOAuth2.Builder b = OsOAuth2.builder(ProjectCredentials.of("k", "s"))
        .transport(endpoint).jsonCodec(ScriptedTransport.CODEC);
    assertThatThrownBy(() -> b.maxWait(Duration.ZERO)).hasMessageContaining("maxWait");
    assertThatThrownBy(() -> b.refreshAhead(Duration.ofSeconds(1), 1.5)).hasMessageContaining("refreshAhead fraction");
    assertThatThrownBy(() -> b.jitter(0.9)).hasMessageContaining("jitter");
    assertThatThrownBy(() -> b.failureBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .hasMessageContaining("failureBackoff");
    assertThatThrownBy(() -> b.maxAttempts(0)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> b.retryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .hasMessageContaining("retryBackoff");
    assertThatThrownBy(() -> b.refreshAhead(Duration.ofSeconds(10), 0.05).build()).hasMessageContaining("expiryMargin");
  }

  @Test
  void toStringShowsStateAndFingerprintButNeverTheToken() {
    start();
    AccessToken t = provider.token();
    assertThat(provider.toString()).contains("fresh", t.fingerprint()).doesNotContain(t.value());
  }
}
