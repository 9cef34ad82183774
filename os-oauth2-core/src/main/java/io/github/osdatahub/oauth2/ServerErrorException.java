package io.github.osdatahub.oauth2;

/**
 * The token endpoint failed (HTTP 5xx). Retried with backoff before it is reported.
 */
public class ServerErrorException extends OsOAuth2Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, free of secrets
   * @param status the HTTP status, or {@link #NO_STATUS}
   * @param errorCode the gateway's error code, or null
   * @param cause the cause, or null
   */
  public ServerErrorException(String message, int status, String errorCode, Throwable cause) {
    super(message, status, errorCode, cause);
  }
}
