package io.github.osdatahub.oauth2.internal;

import io.github.osdatahub.oauth2.CredentialsRejectedException;
import io.github.osdatahub.oauth2.MalformedResponseException;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.RateLimitedException;
import io.github.osdatahub.oauth2.RequestRejectedException;
import io.github.osdatahub.oauth2.ServerErrorException;
import io.github.osdatahub.oauth2.TransportFailureException;
import java.time.Duration;

/**
 * Why one token request failed, as the retry policy sees it; becomes the typed exception the
 * caller gets when the policy gives up. Messages are built free of secrets by {@link ErrorMapping}.
 */
public final class AttemptFailure {
  /** The kinds of failure, one per exception type. */
  public enum Kind {
    /** 401. */
    CREDENTIALS_REJECTED,
    /** Other 4xx, and redirects. */
    REQUEST_REJECTED,
    /** 429. */
    RATE_LIMITED,
    /** 5xx. */
    SERVER_ERROR,
    /** No answer. */
    TRANSPORT_FAILURE,
    /** An answer that is not a usable token. */
    MALFORMED_RESPONSE
  }

  private final Kind kind;
  private final int status;
  private final String errorCode;
  private final String message;
  private final Duration retryAfter;
  private final Throwable cause;
  private final boolean retryable;

  AttemptFailure(Kind kind, int status, String errorCode, String message, Duration retryAfter, Throwable cause,
      boolean retryable) {
    this.kind = kind;
    this.status = status;
    this.errorCode = errorCode;
    this.message = message;
    this.retryAfter = retryAfter;
    this.cause = cause;
    this.retryable = retryable;
  }

  /**
   * The kind of failure.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The HTTP status, or {@link OsOAuth2Exception#NO_STATUS}.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The gateway's error code, or null.
   *
   * @return the code
   */
  public String errorCode() {
    return errorCode;
  }

  /**
   * The server's {@code Retry-After}, or null when it sent none (or none that could be read).
   *
   * @return the wait asked for
   */
  public Duration retryAfter() {
    return retryAfter;
  }

  /**
   * Whether another attempt could succeed: 5xx, 429 and failures to get an answer.
   *
   * @return true when worth retrying
   */
  public boolean retryable() {
    return retryable;
  }

  /**
   * A short description for a log line: status and error code, or the kind of failure; no body.
   *
   * @return the description
   */
  public String summary() {
    if (status == OsOAuth2Exception.NO_STATUS) {
      return "no answer" + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
    }
    return "HTTP " + status + (errorCode == null ? "" : " " + errorCode)
        + (kind == Kind.MALFORMED_RESPONSE ? ", malformed answer" : "");
  }

  /**
   * The exception to report.
   *
   * @param note why the client stopped, appended in parentheses; null or empty for none
   * @return the exception
   */
  public OsOAuth2Exception toException(String note) {
    String m = note == null || note.isEmpty() ? message : message + " (" + note + ")";
    switch (kind) {
      case CREDENTIALS_REJECTED:
        return new CredentialsRejectedException(m, status, errorCode, cause);
      case REQUEST_REJECTED:
        return new RequestRejectedException(m, status, errorCode, cause);
      case RATE_LIMITED:
        return new RateLimitedException(m, errorCode, retryAfter, cause);
      case SERVER_ERROR:
        return new ServerErrorException(m, status, errorCode, cause);
      case TRANSPORT_FAILURE:
        return new TransportFailureException(m, status, errorCode, cause);
      default:
        return new MalformedResponseException(m, status, errorCode, cause);
    }
  }

  @Override
  public String toString() {
    return "AttemptFailure[" + kind + ", " + summary() + "]";
  }
}
