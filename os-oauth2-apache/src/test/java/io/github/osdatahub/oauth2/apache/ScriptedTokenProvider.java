package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenProvider;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token provider for the seams the fake cannot reach: it hands out {@code token-1}, and after
 * each {@link #invalidate} either the next token ({@code renews}) or the same one again; or, when
 * {@link #hold()} is on, async callers get a future that the test completes.
 */
final class ScriptedTokenProvider implements TokenProvider {
  private final boolean renews;
  private final AtomicInteger generation = new AtomicInteger(1);
  private final AtomicInteger tokenCalls = new AtomicInteger();
  private final List<AccessToken> invalidated = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<AccessToken>> held = new CopyOnWriteArrayList<>();
  private volatile boolean holding;

  private ScriptedTokenProvider(boolean renews) {
    this.renews = renews;
  }

  /** A provider whose token changes on each invalidate, as a caching provider's does. */
  static ScriptedTokenProvider renewing() {
    return new ScriptedTokenProvider(true);
  }

  /** A provider that has only one token, whatever is invalidated. */
  static ScriptedTokenProvider fixed() {
    return new ScriptedTokenProvider(false);
  }

  /** From now on tokenAsync() returns futures that only {@link #release()} completes. */
  ScriptedTokenProvider hold() {
    holding = true;
    return this;
  }

  /** Completes every held future with the current token. */
  void release() {
    holding = false;
    held.forEach(f -> f.complete(current()));
  }

  int heldCount() {
    return held.size();
  }

  AccessToken current() {
    return AccessToken.of("token-" + generation.get(), Instant.now().plusSeconds(299));
  }

  @Override
  public AccessToken token() {
    tokenCalls.incrementAndGet();
    return current();
  }

  @Override
  public CompletableFuture<AccessToken> tokenAsync() {
    if (!holding) {
      return CompletableFuture.completedFuture(token());
    }
    tokenCalls.incrementAndGet();
    CompletableFuture<AccessToken> future = new CompletableFuture<>();
    held.add(future);
    return future;
  }

  @Override
  public void invalidate(AccessToken rejected) {
    invalidated.add(rejected);
    if (renews) {
      int rejectedGeneration = Integer.parseInt(rejected.value().substring("token-".length()));
      generation.compareAndSet(rejectedGeneration, rejectedGeneration + 1); // only the current one is dropped
    }
  }

  int tokenCalls() {
    return tokenCalls.get();
  }

  List<AccessToken> invalidated() {
    return List.copyOf(invalidated);
  }
}
