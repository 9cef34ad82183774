package io.github.osdatahub.oauth2.okhttp;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenProvider;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link TokenProvider} test double: hands out {@code token-1}, and moves to the next token when the
 * current one is invalidated (or, when {@code rotates} is false, keeps the same one). Counts calls.
 */
final class TestTokens implements TokenProvider {
  private final boolean rotates;
  private final AtomicInteger serial = new AtomicInteger(1);
  private final AtomicReference<AccessToken> current = new AtomicReference<>(token(1));
  final AtomicInteger tokenCalls = new AtomicInteger();
  final List<AccessToken> invalidated = new CopyOnWriteArrayList<>();

  private TestTokens(boolean rotates) {
    this.rotates = rotates;
  }

  /** Issues a new token after each invalidation. */
  static TestTokens rotating() {
    return new TestTokens(true);
  }

  /** Always the same token, even after it is invalidated. */
  static TestTokens stuck() {
    return new TestTokens(false);
  }

  static AccessToken token(int n) {
    return AccessToken.of("token-" + n, Instant.now().plusSeconds(299));
  }

  /** Moves to the next token as if the cache had refreshed, without an invalidation. */
  AccessToken rotate() {
    AccessToken next = token(serial.incrementAndGet());
    current.set(next);
    return next;
  }

  AccessToken current() {
    return current.get();
  }

  @Override
  public AccessToken token() {
    tokenCalls.incrementAndGet();
    return current.get();
  }

  @Override
  public void invalidate(AccessToken rejected) {
    invalidated.add(rejected);
    if (rotates) {
      AccessToken now = current.get();
      if (now.equals(rejected)) {
        current.compareAndSet(now, token(serial.incrementAndGet()));
      }
    }
  }
}
