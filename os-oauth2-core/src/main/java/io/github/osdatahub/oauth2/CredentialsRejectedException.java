package io.github.osdatahub.oauth2;

/**
 * The token endpoint rejected the project's key or secret (HTTP 401). Not retried; the cache
 * remembers it for a while, so a wrong secret does not turn every call into a token request.
 */
public class CredentialsRejectedException extends OsOAuth2Exception {
  private static final long serialVersionUID = 1L;

  CredentialsRejectedException(String message, int status, String errorCode, Throwable cause) {
    super(message, status, errorCode, cause);
  }
}
