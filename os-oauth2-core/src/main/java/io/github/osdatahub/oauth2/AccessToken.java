package io.github.osdatahub.oauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token as callers hold it: its value, the precomputed {@code Authorization} header value
 * and when it expires. Immutable; equal by value. {@link #toString()} shows only a short
 * fingerprint, never the value.
 */
public final class AccessToken {
  private final String value;
  private final String authorizationHeader;
  private final Duration lifetime;
  private final Instant expiresAt;
  private final long sentAtNanos;
  private final Instant issuedAt;

  AccessToken(String value, Duration lifetime, Instant expiresAt, long sentAtNanos, Instant issuedAt) {
    this.value = checkValue(value);
    this.authorizationHeader = "Bearer " + value;
    this.lifetime = lifetime;
    this.expiresAt = expiresAt;
    this.sentAtNanos = sentAtNanos;
    this.issuedAt = issuedAt;
  }

  /**
   * @param value the access token; not blank, visible ASCII only
   * @param expiresAt when it expires by the wall clock
   * @return a token obtained elsewhere, or for tests
   * @throws IllegalArgumentException when the value is blank or holds other characters (never quoted)
   */
  public static AccessToken of(String value, Instant expiresAt) {
    Objects.requireNonNull(expiresAt, "expiresAt");
    Duration lifetime = Duration.between(Instant.now(), expiresAt);
    return new AccessToken(value, lifetime.isNegative() ? Duration.ZERO : lifetime, expiresAt,
        System.nanoTime(), null);
  }

  // The value goes into an Authorization header and into the JDK client's error messages, where a
  // CR or LF could split either; the response parser applies the same rule.
  static boolean isHeaderSafe(String value) {
    for (int i = 0; i < value.length(); i++) { // a loop, not a stream: on every first token's way
      char c = value.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  private static String checkValue(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("access token value must not be blank");
    }
    if (!isHeaderSafe(value)) {
      throw new IllegalArgumentException("access token value must hold only visible ASCII characters "
          + "(no spaces, line breaks or control characters): it goes in an Authorization header");
    }
    return value;
  }

  /** {@return the token itself; treat it as a secret} */
  public String value() {
    return value;
  }

  /** {@return the {@code Authorization} header value, {@code Bearer <token>}} */
  public String authorizationHeader() {
    return authorizationHeader;
  }

  /** {@return the lifetime the server gave ({@code expires_in})} */
  public Duration lifetime() {
    return lifetime;
  }

  /** {@return when the token expires by the wall clock: when its request was sent, plus its lifetime} */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** {@return when the gateway says it issued the token ({@code issued_at}, its clock), for diagnostics} */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /** Monotonic time ({@link TimeSource#nanoTime()}) when the request for this token was sent. */
  long sentAtNanos() {
    return sentAtNanos;
  }

  /** {@return a short, stable fingerprint of the value, safe to log: eight hex digits} */
  public String fingerprint() {
    // FNV-1a: cheap and stable; not reversible in any useful way for a 28-character token.
    return String.format("%08x", value.chars().reduce(0x811c9dc5, (h, c) -> (h ^ c) * 0x01000193));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessToken && ((AccessToken) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "AccessToken[fingerprint=" + fingerprint() + ", expiresAt=" + expiresAt + "]";
  }
}
