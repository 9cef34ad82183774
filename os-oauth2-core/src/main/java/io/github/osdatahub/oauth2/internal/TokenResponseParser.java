package io.github.osdatahub.oauth2.internal;

import io.github.osdatahub.oauth2.TokenResponse;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.time.Duration;
import java.time.Instant;

/** Reads a 200 answer into a {@link TokenResponse}, lenient and strict as OS-DATA-HUB.md says. */
public final class TokenResponseParser {
  private TokenResponseParser() {}

  /** How the parser builds a response without the response's constructor being public. */
  @FunctionalInterface
  public interface Factory {
    /**
     * Builds the response.
     *
     * @param accessToken the token
     * @param expiresIn the lifetime
     * @param issuedAt the issue time, or null
     * @param tokenType the token type as sent
     * @return the response
     */
    TokenResponse create(String accessToken, Duration expiresIn, Instant issuedAt, String tokenType);
  }

  /**
   * Parses the body.
   *
   * @param body the body bytes
   * @param codec the JSON codec
   * @param factory builds the result
   * @return the response
   */
  public static TokenResponse parse(byte[] body, JsonCodec codec, Factory factory) {
    throw new UnsupportedOperationException("not yet built");
  }
}
