package io.github.osdatahub.oauth2;

/**
 * The token endpoint rejected the request (a 4xx other than 401 and 429), such as 400 for a grant
 * type the gateway does not accept or 403. Not retried.
 */
public class RequestRejectedException extends OsOAuth2Exception {
  private static final long serialVersionUID = 1L;

  RequestRejectedException(String message, int status, String errorCode, Throwable cause) {
    super(message, status, errorCode, cause);
  }
}
