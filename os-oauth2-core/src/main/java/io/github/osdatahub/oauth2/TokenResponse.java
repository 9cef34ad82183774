package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The token endpoint's parsed answer.
 *
 * <p>Lenient where the real service varies: {@code expires_in} and {@code issued_at} as JSON
 * strings or numbers; {@code token_type} {@code Bearer} or {@code BearerToken} in any case, or
 * missing; unknown members and a bad {@code issued_at} ignored. Strict about what is really wrong: a
 * body that is empty or not a UTF-8 JSON object; a missing or empty {@code access_token}, or one
 * that cannot go in a header; an {@code expires_in} that is missing, not a whole number, zero,
 * negative or over {@link #MAX_EXPIRES_IN}; another token type. Each is a
 * {@link MalformedResponseException} that names the problem without quoting the token.
 */
public final class TokenResponse {
  /** The longest {@code expires_in} accepted; longer is taken as a broken answer. */
  public static final Duration MAX_EXPIRES_IN = Duration.ofDays(1);

  private final String accessToken;
  private final Duration expiresIn;
  private final Instant issuedAt;
  private final String tokenType;

  TokenResponse(String accessToken, Duration expiresIn, Instant issuedAt, String tokenType) {
    this.accessToken = Objects.requireNonNull(accessToken);
    this.expiresIn = Objects.requireNonNull(expiresIn);
    this.issuedAt = issuedAt;
    this.tokenType = Objects.requireNonNull(tokenType);
  }

  /**
   * @param body a 200 answer's body: UTF-8, an optional byte-order mark, one JSON object
   * @param codec the JSON codec
   * @return the parsed response
   * @throws MalformedResponseException naming what is wrong
   */
  public static TokenResponse parse(byte[] body, JsonCodec codec) {
    return TokenResponseParser.parse(body, codec);
  }

  /** {@return the access token; treat it as a secret} */
  public String accessToken() {
    return accessToken;
  }

  /** {@return the lifetime, {@code expires_in}: 299 s from the real service} */
  public Duration expiresIn() {
    return expiresIn;
  }

  /** {@return when the gateway issued the token ({@code issued_at}, by its own clock), for diagnostics} */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /** {@return the token type as the server spelled it, or {@code Bearer} if none; requests say Bearer anyway} */
  public String tokenType() {
    return tokenType;
  }

  @Override
  public String toString() {
    return "TokenResponse[access_token=****, expires_in=" + expiresIn.getSeconds() + "s, token_type=" + tokenType
        + (issuedAt == null ? "" : ", issued_at=" + issuedAt) + "]";
  }
}
