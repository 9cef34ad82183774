package io.github.osdatahub.oauth2;

import java.time.Duration;

/**
 * Why one token request failed, as the retry policy sees it; becomes the typed exception the
 * caller gets when the policy gives up ({@link OsOAuth2Exception#forAnswer}). Messages are built
 * free of secrets by {@link ErrorMapping}.
 */
final class AttemptFailure {
  final int status;
  final String errorCode;
  final String message;
  final Duration retryAfter; // null when the answer asked for no wait
  final Throwable cause;
  final boolean retryable;

  AttemptFailure(int status, String errorCode, String message, Duration retryAfter, Throwable cause,
      boolean retryable) {
    this.status = status;
    this.errorCode = errorCode;
    this.message = message;
    this.retryAfter = retryAfter;
    this.cause = cause;
    this.retryable = retryable;
  }

  String summary() {
    if (status == OsOAuth2Exception.NO_STATUS) {
      return "no answer" + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
    }
    return "HTTP " + status + (errorCode == null ? "" : " " + errorCode)
        + (status >= 200 && status < 300 ? ", malformed answer" : "");
  }

  OsOAuth2Exception toException(String note) {
    String m = note == null || note.isEmpty() ? message : message + " (" + note + ")";
    return OsOAuth2Exception.forAnswer(m, status, errorCode, retryAfter, cause);
  }
}
