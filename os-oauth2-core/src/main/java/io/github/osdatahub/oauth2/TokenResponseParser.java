package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Reads a 200 answer into a {@link TokenResponse}, lenient and strict as that class says. No
 * message quotes the token or any value that might hold it (only all-digit {@code expires_in}
 * values are quoted).
 */
final class TokenResponseParser {
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(TokenResponse.MAX_EXPIRES_IN.getSeconds());

  private TokenResponseParser() {}

  static TokenResponse parse(byte[] body, JsonCodec codec) {
    Map<String, Object> json = parseObject(decode(body), codec);
    Object token = json.get("access_token");
    if (!(token instanceof String accessToken)) {
      throw malformed(token == null ? "has no access_token" : "has an access_token that is not a JSON string");
    }
    if (accessToken.isBlank()) {
      throw malformed("has an empty access_token");
    }
    if (!AccessToken.isHeaderSafe(accessToken)) {
      throw malformed("has an access_token with characters that cannot go in an Authorization header");
    }
    // expires_in is checked before token_type, so its problem is the one named; issuedAt never throws.
    return new TokenResponse(accessToken, expiresIn(json.get("expires_in")), issuedAt(json.get("issued_at")),
        tokenType(json.get("token_type")));
  }

  private static String decode(byte[] body) {
    String text;
    try {
      // A decoder of its own reports malformed input, where new String(...) would replace it.
      text = withoutByteOrderMark(StandardCharsets.UTF_8.newDecoder()
          .decode(ByteBuffer.wrap(body == null ? new byte[0] : body)).toString());
    } catch (CharacterCodingException e) {
      throw malformed("is not valid UTF-8");
    }
    if (text.isBlank()) {
      throw malformed("is empty");
    }
    return text;
  }

  static String withoutByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static Map<String, Object> parseObject(String text, JsonCodec codec) {
    char first = text.strip().charAt(0);
    if (first == '[') {
      throw malformed("is a JSON array, not an object");
    }
    if (first == '<') {
      throw malformed("is not JSON (it looks like HTML or XML)");
    }
    try {
      Map<String, Object> json = codec.parseObject(text);
      if (json != null) {
        return json;
      }
    } catch (RuntimeException e) {
      // The cause is dropped on purpose: a JSON library's exception may quote the input, which holds the token.
    }
    throw malformed("is not a well-formed JSON object");
  }

  private static Duration expiresIn(Object value) {
    BigDecimal seconds = number(value);
    if (seconds == null) {
      throw malformed(value == null ? "has no expires_in" : "has an expires_in that is not a number");
    }
    // Safe to quote: by now the value is a number, so it cannot hold a token.
    String shown = value instanceof String s ? s.strip() : seconds.toString();
    String quoted = shown.length() <= 24 ? " (" + shown + ")" : "";
    if (seconds.signum() < 0) {
      throw malformed("has a negative expires_in" + quoted);
    }
    if (seconds.signum() == 0) {
      throw malformed("has an expires_in of zero");
    }
    if (seconds.stripTrailingZeros().scale() > 0) {
      throw malformed("has an expires_in that is not a whole number of seconds" + quoted);
    }
    if (seconds.compareTo(MAX_SECONDS) > 0) {
      throw malformed("has an expires_in" + quoted + " over " + MAX_SECONDS + " s (a day); taken as a broken answer");
    }
    return Duration.ofSeconds(seconds.longValueExact());
  }

  private static String tokenType(Object value) {
    if (value == null) {
      // RFC 6749 requires it and the real service always sends it, but refusing a usable bearer token
      // over it would help nobody: requests say Bearer whatever the type.
      return "Bearer";
    }
    if (!(value instanceof String s)) {
      throw malformed("has a token_type that is not a JSON string");
    }
    String type = s.strip();
    if (type.equalsIgnoreCase("Bearer") || type.equalsIgnoreCase("BearerToken")) {
      return type;
    }
    // The value is not quoted: whatever sits there might be a token.
    throw malformed("has a token_type that is neither Bearer nor BearerToken; the SDK handles bearer tokens only");
  }

  private static Instant issuedAt(Object value) {
    BigDecimal millis = number(value);
    try { // diagnostic only: one missing, not positive, fractional or beyond a long is ignored
      return millis != null && millis.signum() > 0 ? Instant.ofEpochMilli(millis.longValueExact()) : null;
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static BigDecimal number(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger) {
      return new BigDecimal(value.toString());
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    // A string, or a number type that keeps the JSON text, such as Gson's LazilyParsedNumber.
    String text = value instanceof String s ? s.strip() : value instanceof Number ? value.toString() : "";
    if (text.length() > 400 || !isNumberText(text)) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) { // an exponent beyond int range
      return null;
    }
  }

  /**
   * Whether the text is a number as JSON writes it, leading zeros allowed:
   * {@code -?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?}. By hand rather than a regex, which a fresh JVM
   * would compile on the way to its first token.
   */
  static boolean isNumberText(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    int digits = digits(s, i);
    if (digits == 0) {
      return false;
    }
    i += digits;
    if (i < s.length() && s.charAt(i) == '.') {
      digits = digits(s, i + 1);
      if (digits == 0) {
        return false;
      }
      i += 1 + digits;
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      digits = digits(s, i);
      if (digits == 0) {
        return false;
      }
      i += digits;
    }
    return i == s.length();
  }

  /** How many ASCII digits the text has from {@code from} on. */
  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  private static MalformedResponseException malformed(String problem) {
    return new MalformedResponseException("token response " + problem, OsOAuth2Exception.NO_STATUS, null, null);
  }
}
