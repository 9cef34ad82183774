package io.github.osdatahub.oauth2;

import java.time.Duration;
import java.util.Optional;

/**
 * The root of every failure the SDK reports; unchecked. Catch a subtype to act on one kind, such as
 * {@link CredentialsRejectedException} (fix the key or secret) or {@link RateLimitedException}. A
 * message never holds the secret, the Basic header, a token or more than a short excerpt of a body.
 */
public class OsOAuth2Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The status when no HTTP response was received. */
  public static final int NO_STATUS = 0;

  private final int status;
  private final String errorCode;

  OsOAuth2Exception(String message, int status, String errorCode, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** The one mapping from a failed exchange's HTTP status to the exception type. */
  static OsOAuth2Exception forAnswer(String message, int status, String errorCode, Duration retryAfter,
      Throwable cause) {
    return status == NO_STATUS ? new TransportFailureException(message, status, errorCode, cause)
        : status == 401 ? new CredentialsRejectedException(message, status, errorCode, cause)
        : status == 429 ? new RateLimitedException(message, errorCode, retryAfter, cause)
        : status >= 300 && status < 500 ? new RequestRejectedException(message, status, errorCode, cause)
        : status >= 500 && status < 600 ? new ServerErrorException(message, status, errorCode, cause)
        : new MalformedResponseException(message, status, errorCode, cause);
  }

  /** {@return the HTTP status of the answer that caused this, or {@link #NO_STATUS} when there was none} */
  public int status() {
    return status;
  }

  /** {@return the gateway's error code ({@code ErrorCode}, {@code errorcode} or {@code error}), if sent} */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }
}
