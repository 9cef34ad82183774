package io.github.osdatahub.oauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token as callers hold it: its value, the precomputed {@code Authorization} header
 * value and when it expires.
 *
 * <p>Immutable. {@link #toString()} never shows the value, only a short fingerprint of it, so
 * two tokens can be told apart in logs without revealing either. Equality is by value.
 *
 * <pre>{@code
 * AccessToken token = provider.token();
 * connection.setRequestProperty("Authorization", token.authorizationHeader());
 * }</pre>
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
   * A token from its value and wall-clock expiry, for tests and for tokens obtained elsewhere.
   *
   * @param value the access token; not blank, visible ASCII only (no spaces, line breaks or other
   *     control characters, which could split the {@code Authorization} header or a message)
   * @param expiresAt when it expires
   * @return the token
   * @throws IllegalArgumentException when the value is blank or holds other characters (never
   *     quoting it)
   */
  public static AccessToken of(String value, Instant expiresAt) {
    Objects.requireNonNull(expiresAt, "expiresAt");
    checkValue(value);
    Instant now = Instant.now();
    Duration lifetime = Duration.between(now, expiresAt);
    return new AccessToken(value, lifetime.isNegative() ? Duration.ZERO : lifetime, expiresAt,
        System.nanoTime(), null);
  }

  /**
   * The one rule for a token value, the same that the response parser applies: it goes into an
   * {@code Authorization} header and into the JDK client's error messages, so a CR or LF could
   * split either.
   */
  private static String checkValue(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("access token value must not be blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new IllegalArgumentException("access token value must hold only visible ASCII characters "
            + "(no spaces, line breaks or control characters): it goes in an Authorization header");
      }
    }
    return value;
  }

  /**
   * The token itself. Treat it as a secret.
   *
   * @return the access token
   */
  public String value() {
    return value;
  }

  /**
   * The {@code Authorization} header value, {@code Bearer <token>}, built once.
   *
   * @return the header value
   */
  public String authorizationHeader() {
    return authorizationHeader;
  }

  /**
   * The lifetime the server gave ({@code expires_in}).
   *
   * @return the lifetime
   */
  public Duration lifetime() {
    return lifetime;
  }

  /**
   * When the token expires by the wall clock: the time the request was sent plus its lifetime.
   *
   * @return the expiry instant
   */
  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * When the gateway says it issued the token ({@code issued_at}), by the gateway's clock; for
   * diagnostics only.
   *
   * @return the issue time, if the server sent one
   */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /** Monotonic time ({@link TimeSource#nanoTime()}) when the request for this token was sent. */
  long sentAtNanos() {
    return sentAtNanos;
  }

  /**
   * A short, stable fingerprint of the value, safe to log.
   *
   * @return eight hex digits
   */
  public String fingerprint() {
    // FNV-1a: cheap and stable; not reversible in any useful way for a 28-character token.
    int h = 0x811c9dc5;
    for (int i = 0; i < value.length(); i++) {
      h ^= value.charAt(i);
      h *= 0x01000193;
    }
    return String.format("%08x", h);
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
