package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CredentialsRejectedException;
import io.github.osdatahub.oauth2.OsOAuth2Exception;

/** The command's exit statuses; scripts branch on them, so they never change meaning. */
enum ExitCode {
  /** It worked. */
  OK(0, "success"),
  /** A bug or an unexpected state: the command could not do what it is for. */
  INTERNAL_ERROR(1, "unexpected failure (please report it)"),
  /** Bad arguments or configuration: an option, missing credentials, a bad URL. */
  USAGE(2, "usage or configuration error (missing credentials, bad URL, unknown option)"),
  /** The token endpoint rejected the key or secret (HTTP 401). */
  CREDENTIALS_REJECTED(3, "the token endpoint rejected the credentials"),
  /** No token for another reason, after the SDK's retries. */
  TOKEN_UNAVAILABLE(4, "no token for another reason (server error, rate limit, network), after retries"),
  /** The API request itself failed: a non-2xx answer after the 401 retry, or an I/O error. */
  REQUEST_FAILED(5, "the API request failed (non-2xx after the 401 retry, or I/O error)"),
  /** The result could not be written: standard output or the {@code -o} file (disk full, closed pipe). */
  OUTPUT_FAILED(6, "the output could not be written (standard output or -o FILE)");

  private final int status;
  private final String meaning;

  ExitCode(int status, String meaning) {
    this.status = status;
    this.meaning = meaning;
  }

  int status() {
    return status;
  }

  String meaning() {
    return meaning;
  }

  /** The status for a failure to get a token. */
  static ExitCode forTokenFailure(OsOAuth2Exception e) {
    return e instanceof CredentialsRejectedException ? CREDENTIALS_REJECTED : TOKEN_UNAVAILABLE;
  }
}
