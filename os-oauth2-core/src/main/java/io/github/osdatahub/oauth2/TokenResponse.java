package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The token endpoint's parsed answer.
 *
 * <p>Lenient where the real service varies ({@code expires_in} and {@code issued_at} as JSON
 * strings or numbers, {@code token_type} {@code Bearer} or the older {@code BearerToken} in any
 * case, unknown members ignored) and strict about what is really wrong: a missing or empty
 * {@code access_token}; an {@code expires_in} that is missing, not a whole number, zero, negative
 * or over a day; another token type; a body that is not a JSON object. Each of those is a
 * {@link MalformedResponseException} that names the problem without quoting the token.
 *
 * <pre>{@code
 * TokenResponse r = TokenResponse.parse(bodyBytes, JacksonJsonCodec.create());
 * Duration lifetime = r.expiresIn();   // PT4M59S
 * }</pre>
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
   * Parses a 200 answer's body: UTF-8, an optional byte-order mark, one JSON object.
   *
   * @param body the body bytes
   * @param codec the JSON codec
   * @return the parsed response
   * @throws MalformedResponseException naming what is wrong
   */
  public static TokenResponse parse(byte[] body, JsonCodec codec) {
    return TokenResponseParser.parse(body, codec);
  }

  /**
   * The access token. Treat it as a secret.
   *
   * @return the token value
   */
  public String accessToken() {
    return accessToken;
  }

  /**
   * The lifetime, {@code expires_in}.
   *
   * @return the lifetime; 299 s from the real service
   */
  public Duration expiresIn() {
    return expiresIn;
  }

  /**
   * When the gateway issued the token, by its own clock ({@code issued_at}, epoch ms); for
   * diagnostics only, since the gateway's clock and ours may differ.
   *
   * @return the issue time, if sent
   */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /**
   * The token type as the server spelled it: {@code Bearer} or {@code BearerToken}, in any case;
   * {@code Bearer} when the answer had no {@code token_type} (the real service always sends one).
   * Requests always say {@code Bearer}, whatever this is.
   *
   * @return the token type
   */
  public String tokenType() {
    return tokenType;
  }

  @Override
  public String toString() {
    return "TokenResponse[access_token=****, expires_in=" + expiresIn.getSeconds() + "s, token_type=" + tokenType
        + (issuedAt == null ? "" : ", issued_at=" + issuedAt) + "]";
  }
}
