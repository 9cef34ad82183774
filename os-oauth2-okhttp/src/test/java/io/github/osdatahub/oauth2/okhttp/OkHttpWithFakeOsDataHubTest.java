package io.github.osdatahub.oauth2.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interceptor and authenticator on a real OkHttpClient against FakeOsDataHub, over a real
 * {@link CachingTokenProvider} whose token requests go through {@link OkHttpTransport}. Counts are
 * asserted: token requests, API requests and attempts per call.
 */
class OkHttpWithFakeOsDataHubTest {
  private FakeOsDataHub hub;
  private CachingTokenProvider provider;
  private ExecutorService callers;
  /** Attempts (network requests) per call, counted by a network interceptor. */
  private final Map<Call, AtomicInteger> attempts = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    hub = FakeOsDataHub.builder().noRateLimit().start();
    provider = providerOver(OkHttpTransport.create());
    callers = Executors.newFixedThreadPool(100);
  }

  @AfterEach
  void stop() {
    callers.shutdownNow();
    provider.close();
    hub.close();
  }

  private CachingTokenProvider providerOver(OkHttpTransport transport) {
    return OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri()).transport(transport)
        .jsonCodec(GsonJsonCodec.create()).build();
  }

  private OkHttpClient.Builder counting(OkHttpClient.Builder builder) {
    return builder.dns(LoopbackServer.LOOPBACK_DNS).addNetworkInterceptor(chain -> {
      attempts.computeIfAbsent(chain.call(), c -> new AtomicInteger()).incrementAndGet();
      return chain.proceed(chain.request());
    });
  }

  private OkHttpClient client(TokenProvider tokens, TokenScope scope) {
    return OsDataHubInterceptor.installOn(counting(new OkHttpClient.Builder()), tokens, scope).build();
  }

  private static int call(OkHttpClient client, URI uri) throws IOException {
    return call(client, new Request.Builder().url(uri.toString()).build());
  }

  private static int call(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      response.body().bytes();
      return response.code();
    }
  }

  /** Runs the task on n threads released together; returns each result. */
  private <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(callers.submit(() -> {
        go.await();
        return task.call();
      }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  private long apiRequestsWith(String authorization) {
    return hub.apiRequests().stream()
        .filter(r -> r.header("Authorization").orElse("").equals(authorization)).count();
  }

  @Test
  void aHundredConcurrentCallsOnAColdProviderMakeOneTokenRequest() throws Exception {
    OkHttpClient client = client(provider, hub.tokenScope());

    List<Integer> codes = concurrently(100, () -> call(client, hub.namesUri("Southampton")));

    assertThat(codes).hasSize(100).containsOnly(200);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.apiRequestCount()).isEqualTo(100);
    assertThat(attempts.values()).hasSize(100).allSatisfy(n -> assertThat(n).hasValue(1));
    assertThat(provider.stats().tokenRequests()).isEqualTo(1);
  }

  @Test
  void whenEveryTokenExpiresMidRunEachCallRetriesOnceWithOneExtraTokenRequest() throws Exception {
    // Hold every call after the interceptor until all 50 carry the same (soon rejected) token.
    CountDownLatch allHaveTheOldToken = new CountDownLatch(50);
    OkHttpClient client = client(provider, hub.tokenScope()).newBuilder()
        .addInterceptor(chain -> {
          allHaveTheOldToken.countDown();
          try {
            allHaveTheOldToken.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return chain.proceed(chain.request());
        })
        .build();
    String old = provider.token().authorizationHeader();
    assertThat(hub.tokenRequestCount()).isEqualTo(1);

    hub.expireAllTokens();
    List<Integer> codes = concurrently(50, () -> call(client, hub.namesUri("Southampton")));

    assertThat(codes).hasSize(50).containsOnly(200);
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
    assertThat(apiRequestsWith(old)).isEqualTo(50);
    assertThat(hub.apiRequestCount()).isEqualTo(100);
    assertThat(attempts.values()).hasSize(50).allSatisfy(n -> assertThat(n).hasValue(2));
    assertThat(provider.stats().invalidations()).isEqualTo(1);
  }

  @Test
  void aPlainHttpOsUrlThatIsNotLoopbackGetsNoToken() throws Exception {
    try (LoopbackServer other = LoopbackServer.okEverywhere()) {
      // The scope allows api.os.uk; only the scheme is wrong. The test DNS keeps it on this machine.
      OkHttpClient client = client(provider, hub.tokenScope().and("api.os.uk"));

      assertThat(call(client, other.uri("api.os.uk", "/search/names/v1/find"))).isEqualTo(200);

      assertThat(other.requests()).singleElement().satisfies(seen -> {
        assertThat(seen.host()).startsWith("api.os.uk:");
        assertThat(seen.authorization()).isNull();
      });
      assertThat(hub.tokenRequestCount()).isZero();
    }
  }

  @Test
  void asyncCallsOnTheClientThatAlsoSendsTheTokenRequestDoNotStarveIt() throws Exception {
    // Token requests go through a copy of the same client the API calls use. The API calls are
    // enqueued (OkHttp allows 5 per host at once) and block in the interceptor waiting for the
    // token; the token request must not queue behind them.
    OkHttpClient base = counting(new OkHttpClient.Builder()).build();
    try (CachingTokenProvider shared = providerOver(OkHttpTransport.create(base))) {
      OkHttpClient client = OsDataHubInterceptor.installOn(base.newBuilder(), shared, hub.tokenScope()).build();
      List<java.util.concurrent.CompletableFuture<Integer>> codes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        java.util.concurrent.CompletableFuture<Integer> code = new java.util.concurrent.CompletableFuture<>();
        codes.add(code);
        client.newCall(new Request.Builder().url(hub.namesUri("Southampton").toString()).build())
            .enqueue(new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                code.completeExceptionally(e);
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  code.complete(response.code());
                }
              }
            });
      }

      for (java.util.concurrent.CompletableFuture<Integer> code : codes) {
        assertThat(code.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
      assertThat(hub.apiRequestCount()).isEqualTo(20);
    }
  }
}
