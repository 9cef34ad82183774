package io.github.osdatahub.oauth2;

import java.time.Duration;

/**
 * Why one token request failed, as the retry policy sees it; becomes the typed exception the caller
 * gets when the policy gives up. Messages are built free of secrets by {@link ErrorMapping}.
 * retryAfter is null when the answer asked for no wait.
 */
record AttemptFailure(int status, String errorCode, String message, Duration retryAfter, Throwable cause,
    boolean retryable) {
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
