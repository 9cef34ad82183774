package io.github.osdatahub.oauth2.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A hundred clients at once, each on its own thread and connection. */
class ConcurrencyTest {
  private static final int CLIENTS = 100;

  /** Runs {@code CLIENTS} copies of a call released together, and returns their results. */
  private static <T> List<T> together(Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aHundredParallelTokenRequestsGetAHundredDistinctTokens() throws Exception {
    try (FakeOsDataHub hub = FakeOsDataHub.start()) {
      List<String> tokens = together(() -> RawHttp.fetchToken(hub));

      Set<String> distinct = new HashSet<>(tokens);
      assertThat(distinct).hasSize(CLIENTS).allSatisfy(token -> assertThat(token).matches("[A-Za-z0-9]{28}"));
      assertThat(hub.tokenRequestCount()).isEqualTo(CLIENTS);
      assertThat(hub.tokenRequests()).hasSize(CLIENTS);
    }
  }

  @Test
  void aHundredParallelApiCallsAreEachAnsweredAndCounted() throws Exception {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().rateLimitPerMinute(60).start()) {
      String token = RawHttp.fetchToken(hub);

      List<Integer> statuses = together(() -> {
        HttpResponse<String> response = RawHttp.getWithToken(hub.namesUri("Ely"), token);
        return response.statusCode();
      });

      // The limiter admits exactly its limit however the requests interleave.
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(60);
      assertThat(statuses).filteredOn(s -> s == 429).hasSize(40);
      assertThat(hub.apiRequestCount()).isEqualTo(CLIENTS);
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
    }
  }
}
