package io.github.osdatahub.oauth2;

/**
 * The token endpoint rejected the project's key or secret (HTTP 401). Not retried: retrying cannot
 * help until the credentials change. The cache remembers it for a while, so a wrong secret does not
 * turn every call into a token request.
 */
public class CredentialsRejectedException extends OsOAuth2Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, free of secrets
   * @param status the HTTP status, or {@link #NO_STATUS}
   * @param errorCode the gateway's error code, or null
   * @param cause the cause, or null
   */
  public CredentialsRejectedException(String message, int status, String errorCode, Throwable cause) {
    super(message, status, errorCode, cause);
  }
}
