package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentMatcher;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.invocation.Invocation;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * The exact callbacks a {@link TokenListener} handed to the builder gets, in order, and nothing more: a
 * mock, because the calls are the point. On a manual clock and the scripted endpoint, with listener
 * calls run inline; {@link TokenListenerTimingTest} and {@link CachingTokenProviderTest} keep the
 * recorded-list checks of the same events.
 */
@ExtendWith(MockitoExtension.class)
class TokenListenerInteractionTest {
  private static final String SECRET = "s3cr3t-Listener-Value";
  private static final String BASIC = Base64.getEncoder()
      .encodeToString(("key:" + SECRET).getBytes(StandardCharsets.UTF_8));

  private final ManualTimeSource time = new ManualTimeSource();
  private final ScriptedTransport endpoint = new ScriptedTransport();
  @Mock
  private TokenListener listener;
  private CachingTokenProvider provider;

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
  }

  private CachingTokenProvider start() {
    provider = OsOAuth2.builder(ProjectCredentials.of("key", SECRET))
        .transport(endpoint)
        .jsonCodec(ScriptedTransport.CODEC)
        .timeSource(time)
        .maxAttempts(1)
        .executor(Runnable::run)
        .random(() -> 0.0) // no jitter: the failure backoff is its 1 ms floor
        .listener(listener)
        .build();
    return provider;
  }

  private static ArgumentMatcher<AccessToken> token(String value) {
    return t -> t != null && t.value().equals(value);
  }

  @Test
  void aFirstTokenReportsEachWaitingCallerThenTheFetchThenItsDuration() {
    CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
    endpoint.respondWith(n -> answer);
    start();

    CompletableFuture<AccessToken> first = provider.tokenAsync();
    CompletableFuture<AccessToken> second = provider.tokenAsync();
    time.advance(Duration.ofMillis(300));
    answer.complete(endpoint.token(1));

    assertThat(first.join().value()).isEqualTo("tok-1");
    assertThat(second.join().value()).isEqualTo("tok-1");
    InOrder order = inOrder(listener);
    order.verify(listener, times(2)).onCallerWaiting();
    order.verify(listener).onTokenFetched(argThat(token("tok-1")));
    order.verify(listener).onRefreshCompleted(Duration.ofMillis(300), true);
    verifyNoMoreInteractions(listener);
  }

  @Test
  void aWaitingCallerIsReportedBeforeTheRefreshItClaimedEvenWhenTheAnswerIsImmediate() {
    // The scripted endpoint answers within sendAsync, as a quick transport can: the refresh settles on the
    // caller's own thread before it starts to wait, and its events must still follow the caller's.
    start();
    InOrder order = inOrder(listener);

    provider.token(); // the first token
    order.verify(listener).onCallerWaiting();
    order.verify(listener).onTokenFetched(argThat(token("tok-1")));
    order.verify(listener).onRefreshCompleted(Duration.ZERO, true);

    time.advance(Duration.ofSeconds(270)); // past hard expiry (269.1 s): the next caller must wait
    provider.tokenAsync().join();
    order.verify(listener).onCallerWaiting();
    order.verify(listener).onTokenFetched(argThat(token("tok-2")));
    order.verify(listener).onRefreshCompleted(Duration.ZERO, true);

    time.advance(Duration.ofSeconds(30)); // tok-2 has 269 s left: a caller asking for 280 s waits for tok-3
    assertThat(provider.tokenAsync(Duration.ofSeconds(280)).join().value()).isEqualTo("tok-3");
    order.verify(listener).onCallerWaiting();
    order.verify(listener).onTokenFetched(argThat(token("tok-3")));
    order.verify(listener).onRefreshCompleted(Duration.ZERO, true);
    verifyNoMoreInteractions(listener);
  }

  @Test
  void aCacheHitReportsNothing() {
    start();
    provider.token();
    clearInvocations(listener);

    time.advance(Duration.ofSeconds(200)); // before refresh-ahead (239 s)
    provider.token();
    provider.tokenAsync().join();
    provider.tokenAsync(Duration.ofSeconds(30)).join();

    verifyNoInteractions(listener);
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void aFailureReportsFailedThenCompletedTheBackoffReportsNothingAndTheNextRefreshReportsAgain() {
    endpoint.fail(503);
    start();

    assertThatThrownBy(provider::token).isInstanceOf(ServerErrorException.class);
    InOrder order = inOrder(listener);
    order.verify(listener).onCallerWaiting();
    order.verify(listener).onRefreshFailed(any(ServerErrorException.class), eq(false));
    order.verify(listener).onRefreshCompleted(Duration.ZERO, false);
    verifyNoMoreInteractions(listener);

    // Backing off: the call fails at once with the same failure, makes no request, and reports nothing.
    assertThatThrownBy(provider::token).isInstanceOf(ServerErrorException.class);
    verifyNoMoreInteractions(listener);
    assertThat(endpoint.requests()).isEqualTo(1);

    endpoint.succeed();
    time.advance(Duration.ofSeconds(1)); // past the backoff
    assertThat(provider.token().value()).isEqualTo("tok-2");
    order.verify(listener).onCallerWaiting();
    order.verify(listener).onTokenFetched(argThat(token("tok-2")));
    order.verify(listener).onRefreshCompleted(Duration.ZERO, true);
    verifyNoMoreInteractions(listener);
  }

  @Test
  void aBackgroundRefreshReportsNoWaitingCaller() {
    start();
    provider.token();
    clearInvocations(listener);

    time.advance(Duration.ofSeconds(240)); // past refresh-ahead, before hard expiry
    assertThat(provider.token().value()).isEqualTo("tok-1"); // served while the refresh runs

    InOrder order = inOrder(listener);
    order.verify(listener).onTokenFetched(argThat(token("tok-2")));
    order.verify(listener).onRefreshCompleted(Duration.ZERO, true);
    verifyNoMoreInteractions(listener);
  }

  @Test
  void aFailedBackgroundRefreshSaysTheCachedTokenIsStillServed() {
    start();
    provider.token();
    clearInvocations(listener);
    endpoint.fail(503);

    time.advance(Duration.ofSeconds(240));
    assertThat(provider.token().value()).isEqualTo("tok-1");

    InOrder order = inOrder(listener);
    order.verify(listener).onRefreshFailed(any(ServerErrorException.class), eq(true));
    order.verify(listener).onRefreshCompleted(Duration.ZERO, false);
    verifyNoMoreInteractions(listener);
  }

  @Test
  void anInvalidationIsReportedBeforeTheRefreshItStarts() {
    start();
    AccessToken first = provider.token();
    clearInvocations(listener);

    provider.invalidate(first);
    provider.invalidate(first); // already dropped: nothing more to report
    assertThat(provider.token().value()).isEqualTo("tok-2");

    InOrder order = inOrder(listener);
    order.verify(listener).onTokenInvalidated(first);
    order.verify(listener).onTokenFetched(argThat(token("tok-2")));
    order.verify(listener).onRefreshCompleted(Duration.ZERO, true);
    verifyNoMoreInteractions(listener);
  }

  @Test
  void noCallbackArgumentRevealsTheSecretTheBasicValueOrATokenValue() {
    start();
    AccessToken first = provider.token();
    provider.invalidate(first); // fetches tok-2
    AccessToken second = provider.token();
    // An answer that echoes the request's credentials and a token member: the failure handed over must not.
    String echo = "{\"ErrorCode\":\"invalid_client\",\"Error\":\"secret " + SECRET + " in Basic " + BASIC
        + ";1\",\"access_token\":\"" + second.value() + "\"}";
    endpoint.respondWith(n -> CompletableFuture.completedFuture(
        TransportResponse.of(401, Map.of(), echo.getBytes(StandardCharsets.UTF_8))));
    provider.invalidate(second);
    assertThatThrownBy(provider::token).isInstanceOf(OsOAuth2Exception.class);

    List<String> texts = new ArrayList<>();
    for (Invocation call : mockingDetails(listener).getInvocations()) {
      for (Object argument : call.getArguments()) {
        texts.addAll(renderings(argument));
      }
    }
    assertThat(mockingDetails(listener).getInvocations()).extracting(i -> i.getMethod().getName())
        .contains("onTokenFetched", "onTokenInvalidated", "onRefreshFailed", "onRefreshCompleted", "onCallerWaiting");
    assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text)
        .doesNotContain(SECRET, BASIC, first.value(), second.value()));
  }

  /** Every way an argument shows itself: its string, and for a failure each message along its chain. */
  private static List<String> renderings(Object argument) {
    List<String> out = new ArrayList<>();
    out.add(String.valueOf(argument));
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> pending = new ArrayList<>();
    if (argument instanceof Throwable t) {
      pending.add(t);
    }
    while (!pending.isEmpty()) {
      Throwable t = pending.remove(pending.size() - 1);
      if (!seen.add(t)) {
        continue;
      }
      out.add(String.valueOf(t));
      out.add(String.valueOf(t.getMessage()));
      out.add(String.valueOf(t.getLocalizedMessage()));
      if (t.getCause() != null) {
        pending.add(t.getCause());
      }
      pending.addAll(List.of(t.getSuppressed()));
    }
    return out;
  }
}
