package io.github.osdatahub.oauth2;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Runs {@link TokenClient#fetchAsync()} to its end by advancing a {@link ManualTimeSource} in 1 ms steps. */
final class AsyncFetch {
  private AsyncFetch() {}

  /** The token, or the fetch's own exception thrown as it is. */
  static AccessToken run(TokenClient client, ManualTimeSource time) {
    CompletableFuture<AccessToken> f = client.fetchAsync();
    drive(time, f, Duration.ofMinutes(5));
    if (!f.isDone()) {
      throw new AssertionError("fetchAsync not done after 5 minutes of manual time");
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }

  /** Advances manual time in 1 ms steps until the future is done or the limit passes. */
  static void drive(ManualTimeSource time, CompletableFuture<?> f, Duration limit) {
    for (long ms = 0; ms < limit.toMillis() && !f.isDone(); ms++) {
      time.advance(Duration.ofMillis(1));
    }
  }
}
