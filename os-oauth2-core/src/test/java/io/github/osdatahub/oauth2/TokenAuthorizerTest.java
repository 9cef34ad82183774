package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared 401 rule and the missing-token failure, on a fake provider: no network. */
class TokenAuthorizerTest {
  private static final TokenScope SCOPE = TokenScope.of("api.os.uk", "127.0.0.1:8080");

  /** Issues tok-1, tok-2, ...; an invalidation of the current token moves on (compare and set). */
  private static final class FakeProvider implements TokenProvider {
    final AtomicInteger issued = new AtomicInteger(1);
    final AtomicInteger blockingCalls = new AtomicInteger();
    final List<AccessToken> invalidated = new CopyOnWriteArrayList<>();
    volatile AccessToken current = tok(1);
    volatile boolean renews = true;
    volatile OsOAuth2Exception failure;
    volatile CompletableFuture<AccessToken> pending;

    @Override
    public AccessToken token() {
      blockingCalls.incrementAndGet();
      if (failure != null) {
        throw failure;
      }
      return current;
    }

    @Override
    public CompletableFuture<AccessToken> tokenAsync() {
      if (pending != null) {
        return pending;
      }
      return failure != null ? CompletableFuture.failedFuture(failure) : CompletableFuture.completedFuture(current);
    }

    @Override
    public synchronized void invalidate(AccessToken rejected) {
      invalidated.add(rejected);
      if (renews && rejected.equals(current)) {
        current = tok(issued.incrementAndGet());
      }
    }
  }

  private static AccessToken tok(int n) {
    return AccessToken.of("tok-" + n, Instant.now().plusSeconds(299));
  }

  /** A provider's failure whose own message holds what must never be copied into ours. */
  private static OsOAuth2Exception leakyFailure() {
    return new CredentialsRejectedException("rejected; secret=s3cr3t-DO-NOT-LOG token=tok-1", 401, "invalid_client",
        null);
  }

  private final FakeProvider provider = new FakeProvider();
  private final TokenAuthorizer authorizer = TokenAuthorizer.create(provider, SCOPE);

  @Test
  void permitsIsTheScopes() {
    assertThat(authorizer.scope()).isSameAs(SCOPE);
    assertThat(authorizer.permits("https", "api.os.uk", -1, "/maps/raster/v1/wmts")).isTrue();
    assertThat(authorizer.permits("https", "api.os.uk", 8443, "/x")).isFalse();
    assertThat(authorizer.permits("http", "127.0.0.1", 8080, "/x")).isTrue();
    assertThat(authorizer.permits("http", "127.0.0.1", 8081, "/x")).isFalse();
    assertThat(authorizer.permits(URI.create("https://api.os.uk/x/../oauth2/token/v1"))).isFalse();
    assertThat(authorizer.permits(URI.create("https://evil.example/x"))).isFalse();
  }

  @Test
  void tokenIsTheProvidersToken() throws IOException {
    assertThat(authorizer.token()).isEqualTo(tok(1));
  }

  @Test
  void aMissingTokenIsAnIOExceptionCausedByTheProvidersFailureWithNothingOfItsText() {
    OsOAuth2Exception failure = leakyFailure();
    provider.failure = failure;

    assertThatThrownBy(authorizer::token)
        .isExactlyInstanceOf(IOException.class)
        .hasCause(failure)
        .hasMessage("no OS Data Hub access token: CredentialsRejectedException (HTTP 401)");
  }

  @Test
  void aMissingTokenWithNoStatusNamesOnlyTheType() {
    provider.failure = new TransportFailureException("connect refused to tok-1", OsOAuth2Exception.NO_STATUS, null,
        null);

    assertThatThrownBy(authorizer::token).hasMessage("no OS Data Hub access token: TransportFailureException");
  }

  @Test
  void aMissingTokenOnAnInterruptedThreadIsAnInterruptedIOExceptionAndTheFlagStaysSet() {
    provider.failure = leakyFailure();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(authorizer::token).isInstanceOf(InterruptedIOException.class).hasCause(provider.failure);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void tokenAsyncReturnsACompletedFutureAsItIsAndNeverCallsTheBlockingToken() {
    CompletableFuture<AccessToken> ready = CompletableFuture.completedFuture(tok(1));
    provider.pending = ready;

    assertThat(authorizer.tokenAsync()).isSameAs(ready);
    assertThat(provider.blockingCalls).hasValue(0);
  }

  @Test
  void tokenAsyncFailsWithTheIOExceptionAtOnceOrLater() {
    OsOAuth2Exception failure = leakyFailure();
    provider.failure = failure;
    assertThatThrownBy(() -> authorizer.tokenAsync().get()).isInstanceOf(ExecutionException.class)
        .cause().isExactlyInstanceOf(IOException.class).hasCause(failure).hasMessageNotContaining("s3cr3t");

    provider.failure = null;
    provider.pending = new CompletableFuture<>();
    CompletableFuture<AccessToken> later = authorizer.tokenAsync();
    assertThat(later).isNotDone();
    provider.pending.completeExceptionally(failure);
    assertThatThrownBy(later::get).cause().isExactlyInstanceOf(IOException.class).hasCause(failure);
    assertThat(provider.blockingCalls).hasValue(0);
  }

  @Test
  void tokenAsyncLeavesOtherFailuresAsTheyAre() {
    IllegalStateException bug = new IllegalStateException("a provider's bug");
    provider.pending = CompletableFuture.failedFuture(bug);

    assertThatThrownBy(() -> authorizer.tokenAsync().get()).cause().isSameAs(bug);
  }

  @Test
  void aProviderThatThrowsFromTokenAsyncGivesAFailedFuture() {
    OsOAuth2Exception failure = leakyFailure();
    TokenAuthorizer throwing = TokenAuthorizer.create(new TokenProvider() {
      @Override
      public AccessToken token() {
        throw new AssertionError("not called");
      }

      @Override
      public CompletableFuture<AccessToken> tokenAsync() {
        throw failure;
      }
    }, SCOPE);

    assertThatThrownBy(() -> throwing.tokenAsync().get()).cause().isExactlyInstanceOf(IOException.class)
        .hasCause(failure);
  }

  @Test
  void tokenForRetryInvalidatesTheCarriedTokenAndReturnsTheNewOne() throws IOException {
    AccessToken sent = authorizer.token();

    assertThat(authorizer.tokenForRetry(sent)).isEqualTo(tok(2));
    assertThat(provider.invalidated).containsExactly(sent);
  }

  @Test
  void tokenForRetryInvalidatesTheCarriedTokenEvenWhenTheProviderMovedOn() throws IOException {
    AccessToken sent = authorizer.token();
    provider.current = tok(7); // a background refresh landed meanwhile

    assertThat(authorizer.tokenForRetry(sent)).isEqualTo(tok(7));
    assertThat(provider.invalidated).containsExactly(sent);
    assertThat(provider.issued).hasValue(1); // invalidating tok-1 changed nothing
  }

  @Test
  void tokenForRetryGivesUpWhenTheProviderHasNoOtherToken() throws IOException {
    provider.renews = false;
    AccessToken sent = authorizer.token();

    assertThat(authorizer.tokenForRetry(sent)).isNull();
    assertThat(authorizer.tokenForRetryAsync(sent).join()).isNull();
    assertThat(provider.invalidated).containsExactly(sent, sent);
  }

  @Test
  void tokenForRetryFailsAsTokenDoes() {
    AccessToken sent = tok(1);
    OsOAuth2Exception failure = leakyFailure();
    provider.failure = failure;

    assertThatThrownBy(() -> authorizer.tokenForRetry(sent)).isExactlyInstanceOf(IOException.class).hasCause(failure);
    assertThatThrownBy(() -> authorizer.tokenForRetryAsync(sent).get()).cause()
        .isExactlyInstanceOf(IOException.class).hasCause(failure);
    assertThat(provider.invalidated).containsExactly(sent, sent);
  }

  @Test
  void tokenForRetryAsyncWaitsForThePendingTokenWithoutBlocking() {
    AccessToken sent = tok(1);
    CompletableFuture<AccessToken> refresh = new CompletableFuture<>();
    provider.pending = refresh;

    CompletableFuture<AccessToken> retry = authorizer.tokenForRetryAsync(sent);

    assertThat(retry).isNotDone();
    assertThat(provider.invalidated).containsExactly(sent);
    refresh.complete(tok(2));
    assertThat(retry.join()).isEqualTo(tok(2));
    assertThat(provider.blockingCalls).hasValue(0);
  }

  @Test
  void aHundredConcurrentRejectionsOfOneTokenCauseOneRefresh() throws Exception {
    AccessToken sent = authorizer.token();
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<AccessToken>> retries = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        boolean blocking = i % 2 == 0;
        retries.add(pool.submit(() -> {
          go.await();
          return blocking ? authorizer.tokenForRetry(sent) : authorizer.tokenForRetryAsync(sent).join();
        }));
      }
      go.countDown();
      for (Future<AccessToken> retry : retries) {
        assertThat(retry.get(30, TimeUnit.SECONDS)).isEqualTo(tok(2));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(provider.invalidated).hasSize(100).containsOnly(sent);
    assertThat(provider.issued).hasValue(2);
  }

  @Test
  void toStringShowsTheScopeAndNoToken() throws IOException {
    authorizer.token();

    assertThat(authorizer.toString()).contains("api.os.uk").doesNotContain("tok-");
  }
}
