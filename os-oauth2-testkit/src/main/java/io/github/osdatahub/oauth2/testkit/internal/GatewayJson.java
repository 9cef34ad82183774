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
