package io.github.osdatahub.oauth2;

/**
 * The token endpoint answered with something that is not a usable token: not JSON, not an object,
 * no {@code access_token}, a bad {@code expires_in}, another token type, or a body over
 * {@link TokenRequest#MAX_RESPONSE_BYTES}. The message names the problem, never the token.
 */
public class MalformedResponseException extends OsOAuth2Exception {
  private static final long serialVersionUID = 1L;

  MalformedResponseException(String message, int status, String errorCode, Throwable cause) {
    super(message, status, errorCode, cause);
  }
}
