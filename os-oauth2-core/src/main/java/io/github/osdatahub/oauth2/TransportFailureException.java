package io.github.osdatahub.oauth2;

/**
 * The token request did not get an answer: connection refused or reset, a timeout, a TLS failure.
 * Retried with backoff before it is reported.
 */
public class TransportFailureException extends OsOAuth2Exception {
  private static final long serialVersionUID = 1L;

  TransportFailureException(String message, int status, String errorCode, Throwable cause) {
    super(message, status, errorCode, cause);
  }
}
