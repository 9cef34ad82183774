package io.github.osdatahub.oauth2;

/**
 * The token endpoint's answer is not a usable token ({@link TokenResponse} says what is refused) or
 * is over {@link TokenRequest#MAX_RESPONSE_BYTES}. The message names the problem, never the token.
 */
public class MalformedResponseException extends OsOAuth2Exception {
  private static final long serialVersionUID = 1L;

  MalformedResponseException(String message, int status, String errorCode, Throwable cause) {
    super(message, status, errorCode, cause);
  }
}
