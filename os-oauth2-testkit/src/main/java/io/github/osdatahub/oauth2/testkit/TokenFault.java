package io.github.osdatahub.oauth2.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A wrong answer for {@link FakeOsDataHub} to give to the next token requests, to test how a
 * client copes: an error status, a slow answer, a dropped connection, a malformed or oversized body.
 *
 * <p>Immutable. Queue it with {@link FakeOsDataHub#failNextTokenRequests(int, TokenFault)}; each
 * queued fault is used by exactly one token request.
 *
 * <pre>{@code
 * hub.failNextTokenRequests(2, TokenFault.status(503, "{\"fault\":{}}").withHeader("Retry-After", "1"));
 * hub.failNextTokenRequests(1, TokenFault.dropConnection());
 * }</pre>
 */
public final class TokenFault {
  /** The minimum size of {@link #oversizedBody(long)}, well above a real token answer (about 110 bytes). */
  public static final long MIN_OVERSIZED_BYTES = 1024;

  enum Kind { ANSWER, DELAY, DROP_CONNECTION, OVERSIZED }

  private final Kind kind;
  private final int status;
  private final String body;
  private final Map<String, String> headers;
  private final Duration delay;
  private final long size;

  private TokenFault(Kind kind, int status, String body, Map<String, String> headers, Duration delay, long size) {
    this.kind = kind;
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.delay = delay;
    this.size = size;
  }

  /**
   * An answer with this status and an empty body.
   *
   * @param status 200 to 599
   * @return the fault
   * @throws IllegalArgumentException for a status out of range
   */
  public static TokenFault status(int status) {
    return status(status, "");
  }

  /**
   * An answer with this status and body, {@code Content-Type: application/json} unless a header
   * given with {@link #withHeader(String, String)} says otherwise.
   *
   * @param status 200 to 599
   * @param body the body, sent as UTF-8 exactly as given
   * @return the fault
   * @throws IllegalArgumentException for a status out of range
   */
  public static TokenFault status(int status, String body) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("TokenFault status must be 200 to 599: " + status);
    }
    return new TokenFault(Kind.ANSWER, status, Objects.requireNonNull(body, "body"), Map.of(), Duration.ZERO, 0);
  }

  /**
   * An answer with a body the client should not accept, such as {@code body(200, "not json")};
   * the same as {@link #status(int, String)}, named for reading.
   *
   * @param status 200 to 599
   * @param body the body, sent as UTF-8 exactly as given
   * @return the fault
   * @throws IllegalArgumentException for a status out of range
   */
  public static TokenFault body(int status, String body) {
    return status(status, body);
  }

  /**
   * Waits this long (real time, on the server's thread) and then answers as usual; for testing a
   * client's timeout. Closing the hub ends the wait.
   *
   * @param delay how long; positive
   * @return the fault
   * @throws IllegalArgumentException for a zero or negative delay
   */
  public static TokenFault delay(Duration delay) {
    if (delay == null || delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException("TokenFault delay must be positive: " + delay);
    }
    return new TokenFault(Kind.DELAY, 0, "", Map.of(), delay, 0);
  }

  /**
   * Closes the connection without answering, after reading the request.
   *
   * @return the fault
   */
  public static TokenFault dropConnection() {
    return new TokenFault(Kind.DROP_CONNECTION, 0, "", Map.of(), Duration.ZERO, 0);
  }

  /**
   * A 200 answer of exactly this many bytes with a fixed {@code Content-Length}: a real, valid token
   * answer padded with an extra {@code "padding"} member. A client that reads it whole gets a
   * working token, so a test can tell whether the client bounded its read.
   *
   * @param bytes the body size, at least {@value #MIN_OVERSIZED_BYTES}
   * @return the fault
   * @throws IllegalArgumentException when smaller than {@value #MIN_OVERSIZED_BYTES}
   */
  public static TokenFault oversizedBody(long bytes) {
    if (bytes < MIN_OVERSIZED_BYTES) {
      throw new IllegalArgumentException("TokenFault oversizedBody must be at least "
          + MIN_OVERSIZED_BYTES + " bytes: " + bytes);
    }
    return new TokenFault(Kind.OVERSIZED, 200, "", Map.of(), Duration.ZERO, bytes);
  }

  /**
   * This fault with one more response header, e.g. {@code Retry-After}; a header of the same name
   * is replaced. Only for faults that answer ({@code status}, {@code body}, {@code oversizedBody}).
   *
   * @param name the header name
   * @param value the header value
   * @return a new fault
   * @throws IllegalStateException on a delay or a dropped connection, which send no headers of their own
   * @throws IllegalArgumentException for a blank name or a value with line breaks
   */
  public TokenFault withHeader(String name, String value) {
    if (kind == Kind.DELAY || kind == Kind.DROP_CONNECTION) {
      throw new IllegalStateException("a " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + " fault sends no headers of its own");
    }
    if (name == null || name.isBlank() || value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("TokenFault header needs a name and a one-line value");
    }
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new TokenFault(kind, status, body, Map.copyOf(more), delay, size);
  }

  Kind kind() {
    return kind;
  }

  int statusCode() {
    return status;
  }

  String bodyText() {
    return body;
  }

  Map<String, String> headers() {
    return headers;
  }

  Duration delayTime() {
    return delay;
  }

  long size() {
    return size;
  }

  @Override
  public String toString() {
    switch (kind) {
      case DELAY:
        return "TokenFault[delay " + delay + "]";
      case DROP_CONNECTION:
        return "TokenFault[drop connection]";
      case OVERSIZED:
        return "TokenFault[200, " + size + " bytes" + (headers.isEmpty() ? "" : ", headers=" + headers.keySet()) + "]";
      default:
        return "TokenFault[" + status + ", " + body.length() + " chars"
            + (headers.isEmpty() ? "" : ", headers=" + headers.keySet()) + "]";
    }
  }
}
