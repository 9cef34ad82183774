package io.github.osdatahub.oauth2;

/**
 * No token could be had in time: the caller's wait deadline passed while a token request was in
 * flight or backing off, or the provider is closed. The cause, when there is one, is the last
 * failure of the token endpoint.
 */
public class TokenUnavailableException extends OsOAuth2Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, free of secrets
   * @param status the HTTP status, or {@link #NO_STATUS}
   * @param errorCode the gateway's error code, or null
   * @param cause the cause, or null
   */
  public TokenUnavailableException(String message, int status, String errorCode, Throwable cause) {
    super(message, status, errorCode, cause);
  }

  TokenUnavailableException(String message, Throwable cause) {
    super(message, NO_STATUS, null, cause);
  }
}
