package io.github.osdatahub.oauth2.testkit.internal;

/**
 * The bodies the OS Data Hub gateway answers with, byte for byte as recorded (no spaces, fixed
 * member order). Which of them are verified and which inferred is listed in the testkit README.
 */
public final class GatewayJson {
  private GatewayJson() {}

  /**
   * The token answer: {@code access_token}, {@code expires_in}, {@code issued_at},
   * {@code token_type}, in that order.
   *
   * @param token the access token
   * @param expiresInSeconds the lifetime reported
   * @param issuedAtMillis the gateway clock, epoch milliseconds
   * @param legacy true for the pre-2021 shape: numbers as JSON numbers and {@code BearerToken}
   * @return the JSON text
   */
  public static String tokenAnswer(String token, long expiresInSeconds, long issuedAtMillis, boolean legacy) {
    String expiresIn = legacy ? Long.toString(expiresInSeconds) : JsonText.quote(Long.toString(expiresInSeconds));
    String issuedAt = legacy ? Long.toString(issuedAtMillis) : JsonText.quote(Long.toString(issuedAtMillis));
    return "{\"access_token\":" + JsonText.quote(token)
        + ",\"expires_in\":" + expiresIn
        + ",\"issued_at\":" + issuedAt
        + ",\"token_type\":" + (legacy ? "\"BearerToken\"" : "\"Bearer\"") + "}";
  }

  /**
   * The token endpoint's own error envelope, e.g. {@code {"ErrorCode":"invalid_client","Error":"..."}}.
   *
   * @param errorCode the {@code ErrorCode} member
   * @param error the {@code Error} member
   * @return the JSON text
   */
  public static String gatewayError(String errorCode, String error) {
    return "{\"ErrorCode\":" + JsonText.quote(errorCode) + ",\"Error\":" + JsonText.quote(error) + "}";
  }

  /**
   * The token endpoint's 401 for a wrong key or secret (verified).
   *
   * @return the JSON text
   */
  public static String invalidClient() {
    return gatewayError("invalid_client", "Client credentials are invalid");
  }

  /**
   * An API's 401 for a bearer token it does not accept: expired (verified) or unknown (inferred).
   *
   * @param expired true for an expired token, false for one the gateway does not know
   * @return the JSON text
   */
  public static String tokenFault(boolean expired) {
    return expired
        ? fault("Access Token expired", "keymanagement.service.access_token_expired")
        : fault("Invalid Access Token", "keymanagement.service.invalid_access_token");
  }

  /**
   * The {@code WWW-Authenticate} value on the 401 of {@link #tokenFault(boolean)} (inferred).
   *
   * @param expired as for {@link #tokenFault(boolean)}
   * @return the header value
   */
  public static String tokenChallenge(boolean expired) {
    return expired
        ? "Bearer realm=\"null\",error=\"invalid_token\",error_description=\""
            + "keymanagement.service.access_token_expired: Access Token expired\""
        : "Bearer realm=\"null\",error=\"invalid_token\",error_description=\""
            + "keymanagement.service.invalid_access_token: Invalid Access Token\"";
  }

  /**
   * An API's 403 when the API is not in the project's plan (status verified, body inferred).
   *
   * @return the JSON text
   */
  public static String apiNotInPlan() {
    return fault("Invalid API call as no apiproduct match found",
        "keymanagement.service.InvalidAPICallAsNoApiProductMatchFound");
  }

  /**
   * An API's 429 over the rate limit (inferred).
   *
   * @return the JSON text
   */
  public static String quotaViolation() {
    return fault("Rate limit quota violation. Quota limit exceeded. Identifier : _default",
        "policies.ratelimit.QuotaViolation");
  }

  /**
   * The API gateway's {@code fault} envelope, as on an expired token.
   *
   * @param faultString the {@code faultstring} member
   * @param errorCode the {@code detail.errorcode} member
   * @return the JSON text
   */
  public static String fault(String faultString, String errorCode) {
    return "{\"fault\":{\"faultstring\":" + JsonText.quote(faultString)
        + ",\"detail\":{\"errorcode\":" + JsonText.quote(errorCode) + "}}}";
  }

  /**
   * The OS APIs' own error envelope for a bad request to an API (inferred),
   * e.g. {@code {"error":{"statuscode":400,"message":"..."}}}.
   *
   * @param status the HTTP status repeated in the body
   * @param message the message
   * @return the JSON text
   */
  public static String apiError(int status, String message) {
    return "{\"error\":{\"statuscode\":" + status + ",\"message\":" + JsonText.quote(message) + "}}";
  }

  /**
   * The error envelope of OS's OGC API services (NGD API - Features), inferred,
   * e.g. {@code {"code":404,"description":"..."}}.
   *
   * @param status the HTTP status repeated in the body
   * @param description the message
   * @return the JSON text
   */
  public static String ogcApiError(int status, String description) {
    return "{\"code\":" + status + ",\"description\":" + JsonText.quote(description) + "}";
  }
}
