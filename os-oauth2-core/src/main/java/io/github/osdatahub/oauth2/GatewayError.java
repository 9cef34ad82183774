package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The error code and message in an OS Data Hub error body, whichever envelope it uses: the token
 * endpoint's {@code {"ErrorCode":..,"Error":..}}, the gateway's
 * {@code {"fault":{"faultstring":..,"detail":{"errorcode":..}}}}, RFC 6749's
 * {@code {"error":..,"error_description":..}}, or the APIs' {@code {"error":{"statuscode":..,"message":..}}}.
 * Values are stripped of control characters and cut to {@value #MAX_LENGTH} characters, but are the
 * server's words, not checked for secrets: mask them before logging if the body could echo one.
 *
 * <pre>{@code
 * GatewayError.parse(responseBody, codec).ifPresent(e -> log.warn("OS API refused: {}", e.describe()));
 * }</pre>
 */
public final class GatewayError {
  /** The longest code or message kept. */
  public static final int MAX_LENGTH = 200;

  private final String code;
  private final String message;

  private GatewayError(String code, String message) {
    this.code = code;
    this.message = message;
  }

  /**
   * @param body the response body: UTF-8, an optional byte-order mark, one JSON object
   * @param codec the JSON codec
   * @return the error, or empty when the body is not JSON or has no known envelope
   */
  public static Optional<GatewayError> parse(byte[] body, JsonCodec codec) {
    Objects.requireNonNull(codec, "codec");
    String text = TokenResponseParser.withoutByteOrderMark(new String(body, StandardCharsets.UTF_8)).strip();
    try {
      return text.startsWith("{") ? from(codec.parseObject(text)) : Optional.empty();
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
  }

  /**
   * @param json an already parsed body's members
   * @return the error, or empty when no known envelope is there
   */
  public static Optional<GatewayError> from(Map<String, Object> json) {
    String code;
    String message;
    if (json.get("fault") instanceof Map<?, ?> fault) {
      code = fault.get("detail") instanceof Map<?, ?> detail ? clean(detail.get("errorcode")) : null;
      message = clean(fault.get("faultstring"));
    } else if (json.containsKey("ErrorCode") || json.containsKey("Error")) {
      code = clean(json.get("ErrorCode"));
      message = clean(json.get("Error"));
    } else if (json.get("error") instanceof Map<?, ?> error) {
      Object status = error.get("statuscode"); // the APIs send a number here, as in {"statuscode":400}
      code = clean(status instanceof Number ? status.toString() : status);
      message = clean(error.get("message"));
    } else {
      code = clean(json.get("error"));
      message = clean(json.get("error_description"));
    }
    return code == null && message == null ? Optional.empty() : Optional.of(new GatewayError(code, message));
  }

  private static String clean(Object value) {
    if (!(value instanceof String text)) {
      return null; // a code or message that is an object, array or number is not one the gateway sends
    }
    String s = text.replaceAll("\\p{Cntrl}+", " ").strip();
    return s.isEmpty() ? null : s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH) + "...";
  }

  /** {@return the error code, such as {@code invalid_client}, if the body had one} */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** {@return the message, such as {@code Client credentials are invalid}, if the body had one} */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /** {@return {@code code: message}, or whichever of the two there is} */
  public String describe() {
    return code == null ? message : message == null ? code : code + ": " + message;
  }

  @Override
  public String toString() {
    return "GatewayError[" + describe() + "]";
  }
}
