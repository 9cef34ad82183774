package io.github.osdatahub.oauth2.testkit.internal;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the fake has issued and when each expires on the fake's wall clock. Thread-safe.
 *
 * <p>Expiry is judged on the wall clock because the fake plays the remote gateway: when a test
 * jumps only the wall clock (a laptop waking from suspend), the gateway's tokens have expired even
 * though the client's monotonic clock did not move.
 */
public final class IssuedTokens {
  /** What the gateway makes of a bearer token. */
  public enum Verdict {
    /** Issued and not yet expired. */
    VALID,
    /** Issued, but its lifetime has passed (or every token was expired by hand). */
    EXPIRED,
    /** Never issued here (or forgotten by a reset). */
    UNKNOWN
  }

  /** Tokens are 28 characters of this alphabet, as in every recorded OS answer. */
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int LENGTH = 28;
  /** Above this many entries, tokens expired for over an hour are dropped when a new one is issued. */
  private static final int PURGE_THRESHOLD = 10_000;
  private static final long PURGE_AGE_MILLIS = 3_600_000L;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> expiresAtMillis = new ConcurrentHashMap<>();

  /** An empty store. */
  public IssuedTokens() {}

  /**
   * Issues a new token, distinct from every token held.
   *
   * @param nowMillis the wall clock now
   * @param lifetimeMillis how long it is valid
   * @return the token
   */
  public String issue(long nowMillis, long lifetimeMillis) {
    if (expiresAtMillis.size() > PURGE_THRESHOLD) {
      expiresAtMillis.values().removeIf(expiry -> expiry < nowMillis - PURGE_AGE_MILLIS);
    }
    while (true) {
      String token = randomToken();
      if (expiresAtMillis.putIfAbsent(token, nowMillis + lifetimeMillis) == null) {
        return token;
      }
    }
  }

  /**
   * Judges a token.
   *
   * @param token the bearer token as sent
   * @param nowMillis the wall clock now
   * @return valid, expired or unknown
   */
  public Verdict check(String token, long nowMillis) {
    Long expiry = expiresAtMillis.get(token);
    if (expiry == null) {
      return Verdict.UNKNOWN;
    }
    return nowMillis < expiry ? Verdict.VALID : Verdict.EXPIRED;
  }

  /**
   * Makes every token issued so far expired (not unknown).
   *
   * @param nowMillis the wall clock now
   */
  public void expireAll(long nowMillis) {
    expiresAtMillis.replaceAll((token, expiry) -> Math.min(expiry, nowMillis));
  }

  /** Forgets every token: from now on they are unknown. */
  public void clear() {
    expiresAtMillis.clear();
  }

  private String randomToken() {
    char[] token = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      token[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(token);
  }
}
