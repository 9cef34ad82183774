package io.github.osdatahub.oauth2;

import java.util.Optional;

/**
 * The root of every failure the SDK reports; unchecked. Catch a subtype to act on one kind:
 * {@link CredentialsRejectedException} (fix the key or secret), {@link RateLimitedException}
 * (slow down), {@link ServerErrorException} and {@link TransportFailureException} (try later),
 * {@link RequestRejectedException}, {@link MalformedResponseException}, {@link TokenUnavailableException}.
 *
 * <p>Keeps the HTTP status and the gateway's error code where there was one. A message never
 * holds the secret, the Basic header, a token or more than a short excerpt of a body.
 *
 * <pre>{@code
 * try {
 *   provider.token();
 * } catch (CredentialsRejectedException e) {
 *   log.error("OS Data Hub rejected the project key or secret ({})", e.errorCode().orElse("no code"));
 * }
 * }</pre>
 */
public class OsOAuth2Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The status when no HTTP response was received. */
  public static final int NO_STATUS = 0;

  private final int status;
  private final String errorCode;

  /**
   * An exception with a status and an error code.
   *
   * @param message what went wrong, free of secrets
   * @param status the HTTP status, or {@link #NO_STATUS}
   * @param errorCode the gateway's error code, or null
   * @param cause the cause, or null
   */
  public OsOAuth2Exception(String message, int status, String errorCode, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  /**
   * The HTTP status of the answer that caused this, or {@link #NO_STATUS} when there was none.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The gateway's error code ({@code ErrorCode}, {@code fault.detail.errorcode} or RFC 6749
   * {@code error}), when the answer carried one.
   *
   * @return the error code
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }
}
