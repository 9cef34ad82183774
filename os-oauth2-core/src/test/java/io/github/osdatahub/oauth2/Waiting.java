package io.github.osdatahub.oauth2;

import java.util.function.BooleanSupplier;

/** Waits for an event another thread causes (not for time to pass), with a deadline so no test hangs. */
final class Waiting {
  private Waiting() {}

  static void until(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("gave up after 10 s waiting for " + what);
      }
      Thread.onSpinWait();
    }
  }
}
