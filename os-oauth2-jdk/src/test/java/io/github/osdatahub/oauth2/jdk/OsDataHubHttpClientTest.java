package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import io.github.osdatahub.oauth2.testkit.RecordedRequest;
import io.github.osdatahub.oauth2.testkit.TokenFault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OsDataHubHttpClient against FakeOsDataHub, on real JDK HttpClients: tokens, 401 retry, scope, statuses. */
class OsDataHubHttpClientTest {
  private static final long WAIT_SECONDS = 60;

  private FakeOsDataHub hub;
  private CachingTokenProvider provider;
  private OsDataHubHttpClient client;

  @BeforeEach
  void start() {
    hub = FakeOsDataHub.builder().start();
    provider = providerFor(hub, hub.credentials());
    client = OsDataHubHttpClient.create(provider, HttpClient.newHttpClient(), hub.tokenScope());
  }

  @AfterEach
  void stop() {
    provider.close();
    hub.close();
  }

  static CachingTokenProvider providerFor(FakeOsDataHub hub, ProjectCredentials credentials) {
    return OsOAuth2.builder(credentials).endpoint(hub.tokenUri()).transport(JdkHttpTransport.create()).build();
  }

  private HttpRequest names() {
    return HttpRequest.newBuilder(hub.namesUri("Southampton")).build();
  }

  @Test
  void addsTheBearerTokenToRequestsInScope() throws Exception {
    HttpResponse<String> response = client.send(names(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Southampton");
    assertThat(response.previousResponse()).isEmpty();
    assertThat(hub.apiRequests()).singleElement().satisfies(r ->
        assertThat(r.header("Authorization")).contains(provider.token().authorizationHeader()));
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void pushPromiseOverloadAddsTheTokenToo() throws Exception {
    HttpResponse<String> response = client.sendAsync(names(), BodyHandlers.ofString(),
        HttpResponse.PushPromiseHandler.of(pushed -> BodyHandlers.ofString(), new java.util.concurrent.ConcurrentHashMap<>()))
        .get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(hub.apiRequests()).singleElement().satisfies(r ->
        assertThat(r.header("Authorization")).contains(provider.token().authorizationHeader()));
  }

  @Test
  void hundredConcurrentSendAsyncOnAColdProviderMakeOneTokenRequest() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(client.sendAsync(names(), BodyHandlers.ofString()));
    }

    int ok = 0;
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      ok += call.get(WAIT_SECONDS, TimeUnit.SECONDS).statusCode() == 200 ? 1 : 0;
    }
    assertThat(ok).isEqualTo(100);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.apiRequestCount()).isEqualTo(100);
  }

  @Test
  void tokensExpiredMidRunAreRecoveredWithOneRetryEachAndOneTokenRequest() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(client.send(names(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
    assertThat(hub.tokenRequestCount()).isEqualTo(1);

    hub.expireAllTokens();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(client.sendAsync(names(), BodyHandlers.ofString()));
    }

    int retried = 0;
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> response = call.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      if (response.previousResponse().isPresent()) {
        HttpResponse<String> rejected = response.previousResponse().get();
        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(rejected.previousResponse()).as("at most one retry").isEmpty();
        retried++;
      }
    }
    assertThat(retried).as("at least the first call met the expired token").isPositive();
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
    assertThat(hub.apiRequestCount()).isEqualTo(10 + 50 + retried);
  }

  @Test
  void anExpiredTokenOnASynchronousSendIsRetriedOnce() throws Exception {
    assertThat(client.send(names(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    AccessToken first = provider.token();
    hub.expireAllTokens();

    HttpResponse<String> response = client.send(names(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.previousResponse()).hasValueSatisfying(r -> assertThat(r.statusCode()).isEqualTo(401));
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
    List<RecordedRequest> api = hub.apiRequests();
    assertThat(api).hasSize(3);
    assertThat(api.get(1).header("Authorization")).contains(first.authorizationHeader());
    assertThat(api.get(2).header("Authorization")).contains(provider.token().authorizationHeader())
        .isNotEqualTo(api.get(1).header("Authorization"));
  }

  @Test
  void aTokenThatKeepsBeingRejectedIsTriedTwiceThenThe401IsReturned() throws Exception {
    FreshUnknownTokens unknown = new FreshUnknownTokens();
    OsDataHubHttpClient rejecting = OsDataHubHttpClient.create(unknown, HttpClient.newHttpClient(), hub.tokenScope());

    HttpResponse<String> sync = rejecting.send(names(), BodyHandlers.ofString());
    HttpResponse<String> async = rejecting.sendAsync(names(), BodyHandlers.ofString()).get(WAIT_SECONDS, TimeUnit.SECONDS);

    for (HttpResponse<String> response : List.of(sync, async)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).contains("Invalid Access Token"); // the 401 body reaches the caller's handler
      assertThat(response.previousResponse()).hasValueSatisfying(r -> assertThat(r.statusCode()).isEqualTo(401));
    }
    assertThat(hub.apiRequestCount()).isEqualTo(4);
    assertThat(unknown.invalidated).hasSize(2);
    assertThat(hub.apiRequests()).extracting(r -> r.header("Authorization").orElseThrow())
        .containsExactly("Bearer unknown-1", "Bearer unknown-2", "Bearer unknown-3", "Bearer unknown-4");
  }

  @Test
  void aProviderThatReturnsTheSameTokenAgainIsNotRetried() throws Exception {
    AccessToken stale = AccessToken.of("never-issued", Instant.now().plusSeconds(300));
    List<AccessToken> invalidated = new ArrayList<>();
    TokenProvider fixed = new TokenProvider() {
      @Override
      public AccessToken token() {
        return stale;
      }

      @Override
      public void invalidate(AccessToken rejected) {
        invalidated.add(rejected);
      }
    };
    OsDataHubHttpClient sameToken = OsDataHubHttpClient.create(fixed, HttpClient.newHttpClient(), hub.tokenScope());

    HttpResponse<String> response = sameToken.send(names(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("Invalid Access Token");
    assertThat(response.previousResponse()).isEmpty();
    assertThat(hub.apiRequestCount()).isEqualTo(1);
    assertThat(invalidated).containsExactly(stale);
  }

  @Test
  void theTokenEndpointNeverGetsABearerToken() throws Exception {
    client.send(HttpRequest.newBuilder(hub.tokenUri()).POST(HttpRequest.BodyPublishers.noBody()).build(),
        BodyHandlers.ofString());

    assertThat(hub.tokenRequests()).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isEmpty());
  }

  @Test
  void sendAsyncReturnsBeforeTheTokenArrivesAndNeverCallsTheBlockingToken() throws Exception {
    CompletableFuture<AccessToken> pending = new CompletableFuture<>();
    TokenProvider slow = new TokenProvider() {
      @Override
      public AccessToken token() {
        throw new AssertionError("sendAsync must not call the blocking token()");
      }

      @Override
      public CompletableFuture<AccessToken> tokenAsync() {
        return pending;
      }
    };
    OsDataHubHttpClient waiting = OsDataHubHttpClient.create(slow, HttpClient.newHttpClient(), hub.tokenScope());

    CompletableFuture<HttpResponse<String>> call = waiting.sendAsync(names(), BodyHandlers.ofString());

    assertThat(call).isNotDone();
    assertThat(hub.apiRequestCount()).isZero();
    pending.complete(provider.token());
    assertThat(call.get(WAIT_SECONDS, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void anInterruptWhileWaitingForTheTokenIsAnInterruptedException() throws Exception {
    hub.failNextTokenRequests(1, TokenFault.delay(Duration.ofMinutes(5)));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicInteger interruptedAfter = new AtomicInteger(-1);
    Thread caller = new Thread(() -> {
      try {
        client.send(names(), BodyHandlers.ofString());
      } catch (Throwable t) {
        thrown.set(t);
        interruptedAfter.set(Thread.currentThread().isInterrupted() ? 1 : 0);
      }
    });
    caller.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (hub.tokenRequestCount() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5); // waiting for the token request to be in flight, not measuring time
    }
    assertThat(hub.tokenRequestCount()).isEqualTo(1);

    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(interruptedAfter.get()).as("flag cleared, as HttpClient.send does").isZero();
    assertThat(hub.apiRequestCount()).isZero();
  }

  @Test
  void worksAsAPlainHttpClientForCodeThatTakesOne() throws Exception {
    HttpClient plain = client; // the point of the type: pass it where an HttpClient goes
    URI uri = hub.namesUri("Southampton");

    assertThat(plain.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.discarding()).statusCode()).isEqualTo(200);
  }

  /** Hands out a new token the hub never issued each time; counts the invalidations. */
  private static final class FreshUnknownTokens implements TokenProvider {
    final AtomicInteger issued = new AtomicInteger();
    final List<AccessToken> invalidated = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public AccessToken token() {
      return AccessToken.of("unknown-" + issued.incrementAndGet(), Instant.now().plusSeconds(300));
    }

    @Override
    public void invalidate(AccessToken rejected) {
      invalidated.add(rejected);
    }
  }
}
