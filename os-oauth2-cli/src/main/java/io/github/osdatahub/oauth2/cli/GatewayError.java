package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The error code and message in an OS API's error body, from whichever envelope it uses: the
 * gateway's {@code {"fault":{"faultstring":..,"detail":{"errorcode":..}}}}, its token endpoint's
 * {@code {"ErrorCode":..,"Error":..}}, RFC 6749's {@code {"error":..,"error_description":..}}, or the
 * APIs' own {@code {"error":{"statuscode":..,"message":..}}}.
 *
 * @param code the error code, or null
 * @param message the message, or null; shortened and stripped of control characters
 */
record GatewayError(String code, String message) {
  private static final int MAX_MESSAGE = 200;

  /** What the body says, if it is one of the known envelopes. */
  static Optional<GatewayError> parse(byte[] body, JsonCodec codec) {
    Map<String, Object> json;
    try {
      json = codec.parseObject(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notJson) {
      return Optional.empty();
    }
    GatewayError found;
    if (json.get("fault") instanceof Map<?, ?> fault) {
      Object detail = fault.get("detail");
      found = of(detail instanceof Map<?, ?> d ? d.get("errorcode") : null, fault.get("faultstring"));
    } else if (json.containsKey("ErrorCode") || json.containsKey("Error")) {
      found = of(json.get("ErrorCode"), json.get("Error"));
    } else if (json.get("error") instanceof Map<?, ?> error) {
      found = of(error.get("statuscode"), error.get("message"));
    } else {
      found = of(json.get("error"), json.get("error_description"));
    }
    return found.code == null && found.message == null ? Optional.empty() : Optional.of(found);
  }

  private static GatewayError of(Object code, Object message) {
    return new GatewayError(clean(code), clean(message));
  }

  private static String clean(Object value) {
    if (value == null || value instanceof Map || value instanceof Iterable) {
      return null;
    }
    String s = value.toString().replaceAll("\\p{Cntrl}+", " ").strip();
    if (s.isEmpty()) {
      return null;
    }
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
  }

  /** {@code code: message}, or whichever of the two there is. */
  String describe() {
    if (code != null && message != null) {
      return code + ": " + message;
    }
    return code != null ? code : message;
  }
}
