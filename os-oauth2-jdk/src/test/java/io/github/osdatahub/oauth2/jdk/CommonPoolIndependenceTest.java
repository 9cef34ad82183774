package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Applications block the common pool (a {@code supplyAsync} that waits, a parallel stream doing I/O).
 * The SDK's own timers and executor do not use it, but the JDK {@code HttpClient} completes every
 * {@code sendAsync} through {@code CompletableFuture}'s default executor, which is the common pool
 * on JDK 25, and on JDK 17 too when the machine has more than two cores. There, a blocked pool
 * stalls the JDK transport's token requests as it stalls the application's own calls: that case is
 * skipped and listed in the module README.
 */
class CommonPoolIndependenceTest {
  @Test
  void tokensArriveWhileEveryCommonPoolWorkerIsBlocked() throws Exception {
    Assumptions.assumeFalse(new CompletableFuture<Void>().defaultExecutor() == ForkJoinPool.commonPool(),
        "this JDK's HttpClient completes sendAsync on the common pool (JDK 25, or more than two cores)");
    CountDownLatch release = new CountDownLatch(1);
    List<CompletableFuture<Void>> blockers = new ArrayList<>();
    for (int i = 0; i < Math.max(1, ForkJoinPool.getCommonPoolParallelism()); i++) {
      blockers.add(CompletableFuture.runAsync(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, ForkJoinPool.commonPool()));
    }
    try (FakeOsDataHub hub = FakeOsDataHub.start();
        CachingTokenProvider provider = OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri())
            .transport(JdkHttpTransport.create()).jsonCodec(GsonJsonCodec.create()).build()) {
      assertThat(provider.tokenAsync().get(10, TimeUnit.SECONDS).value()).matches("[A-Za-z0-9]{28}");
      assertThat(provider.token().value()).matches("[A-Za-z0-9]{28}");
    } finally {
      release.countDown();
    }
    for (CompletableFuture<Void> b : blockers) {
      b.get(10, TimeUnit.SECONDS);
    }
  }
}
