package io.github.osdatahub.oauth2;

/** The token endpoint failed (HTTP 5xx). Retried with backoff before it is reported. */
public class ServerErrorException extends OsOAuth2Exception {
  private static final long serialVersionUID = 1L;

  ServerErrorException(String message, int status, String errorCode, Throwable cause) {
    super(message, status, errorCode, cause);
  }
}
