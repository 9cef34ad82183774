package io.github.osdatahub.oauth2.testkit.contract;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.TokenProvider;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token provider {@link AuthorizingClientContract} controls: it issues {@code tok-1},
 * {@code tok-2}, ... and counts what the integration asks of it. Like a caching provider, an
 * invalidation drops the token only while it is still the current one, so many rejections of one
 * token lead to one new token. {@code tokenAsync()} is the interface's default: completed at once.
 */
final class CountingTokenProvider implements TokenProvider {
  private final boolean renews;
  private final AtomicInteger asked = new AtomicInteger();
  private final List<AccessToken> invalidated = new CopyOnWriteArrayList<>();
  private int issued;
  private AccessToken current;
  private OsOAuth2Exception failure;
  private OsOAuth2Exception failureOnceInvalidated;

  private CountingTokenProvider(boolean renews) {
    this.renews = renews;
    this.current = next();
  }

  /** A new token after each invalidation of the current one. */
  static CountingTokenProvider renewing() {
    return new CountingTokenProvider(true);
  }

  /** Only ever {@code tok-1}, whatever is invalidated. */
  static CountingTokenProvider fixed() {
    return new CountingTokenProvider(false);
  }

  /** No token at all: every call throws this. */
  static CountingTokenProvider failing(OsOAuth2Exception failure) {
    CountingTokenProvider tokens = new CountingTokenProvider(true);
    tokens.failure = failure;
    return tokens;
  }

  /** {@code tok-1}, then, once anything is invalidated, this failure. */
  static CountingTokenProvider failingOnceInvalidated(OsOAuth2Exception failure) {
    CountingTokenProvider tokens = new CountingTokenProvider(true);
    tokens.failureOnceInvalidated = failure;
    return tokens;
  }

  private AccessToken next() {
    issued++;
    return AccessToken.of("tok-" + issued, Instant.now().plusSeconds(299));
  }

  @Override
  public synchronized AccessToken token() {
    asked.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    return current;
  }

  @Override
  public synchronized void invalidate(AccessToken rejected) {
    invalidated.add(rejected);
    if (failureOnceInvalidated != null) {
      failure = failureOnceInvalidated;
    } else if (renews && rejected.equals(current)) {
      current = next();
    }
  }

  /** Moves on to a new token as a background refresh would, with no invalidation. */
  synchronized void refreshNow() {
    current = next();
  }

  /** How many times {@code token()} or {@code tokenAsync()} was called. */
  int asked() {
    return asked.get();
  }

  /** How many tokens were issued beyond the first. */
  synchronized int refreshes() {
    return issued - 1;
  }

  /** The values of the tokens passed to {@code invalidate}, in order. */
  List<String> invalidated() {
    return invalidated.stream().map(AccessToken::value).toList();
  }
}
