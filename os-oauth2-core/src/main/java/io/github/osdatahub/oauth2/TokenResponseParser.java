package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a 200 answer into a {@link TokenResponse}, lenient and strict as OS-DATA-HUB.md says.
 *
 * <p>Lenient: {@code expires_in} and {@code issued_at} may be JSON strings ({@code "299"}, as the
 * service sends today) or numbers ({@code 299}, as older answers did); {@code token_type} may be
 * {@code Bearer} or {@code BearerToken} in any case; unknown members are ignored; a missing
 * {@code token_type} is taken as {@code Bearer} (RFC 6749 requires the member and the real service
 * always sends it, but refusing a usable bearer token over it would help nobody: the SDK sends
 * {@code Bearer} whatever the type said). {@code issued_at} is epoch milliseconds by the gateway's
 * clock, kept for diagnostics only: when it is missing, not a whole number or out of range it is
 * ignored, never an error.
 *
 * <p>Strict: an empty body, a body that is not UTF-8, not JSON or not a JSON object; a missing,
 * non-string or empty {@code access_token}, or one with characters that cannot go in an
 * {@code Authorization} header; an {@code expires_in} that is missing, not a number, fractional,
 * zero, negative or over {@link TokenResponse#MAX_EXPIRES_IN}; a {@code token_type} other than the
 * two above. Each is a {@link MalformedResponseException} whose message names the problem and never
 * quotes the token or any value that might hold it (only all-digit {@code expires_in} values are
 * quoted).
 */
final class TokenResponseParser {
  private static final Pattern JSON_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(TokenResponse.MAX_EXPIRES_IN.getSeconds());

  private TokenResponseParser() {}

  static TokenResponse parse(byte[] body, JsonCodec codec) {
    Map<String, Object> json = parseObject(decode(body), codec);

    Object token = json.get("access_token");
    if (token == null) {
      throw malformed("has no access_token");
    }
    if (!(token instanceof String)) {
      throw malformed("has an access_token that is not a JSON string");
    }
    String accessToken = (String) token;
    if (accessToken.isBlank()) {
      throw malformed("has an empty access_token");
    }
    for (int i = 0; i < accessToken.length(); i++) {
      char c = accessToken.charAt(i);
      if (c <= ' ' || c > '~') {
        throw malformed("has an access_token with characters that cannot go in an Authorization header");
      }
    }

    Duration expiresIn = expiresIn(json.get("expires_in"));
    String tokenType = tokenType(json.get("token_type"));
    return new TokenResponse(accessToken, expiresIn, issuedAt(json.get("issued_at")), tokenType);
  }

  private static String decode(byte[] body) {
    if (body == null || body.length == 0) {
      throw malformed("is empty");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed("is not valid UTF-8");
    }
    text = withoutByteOrderMark(text);
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
    Map<String, Object> json;
    try {
      json = codec.parseObject(text);
    } catch (RuntimeException e) {
      // The cause is left out on purpose: a JSON library's own exception may quote the input,
      // and the input holds the token.
      throw malformed("is not a well-formed JSON object");
    }
    if (json == null) {
      throw malformed("is not a well-formed JSON object");
    }
    return json;
  }

  private static Duration expiresIn(Object value) {
    if (value == null) {
      throw malformed("has no expires_in");
    }
    BigDecimal seconds = number(value);
    if (seconds == null) {
      throw malformed("has an expires_in that is not a number");
    }
    // Safe to quote: by now the value is a number, so it cannot hold a token.
    String shown = value instanceof String ? ((String) value).strip() : seconds.toString();
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
      return "Bearer"; // see the class comment: the real service always sends it
    }
    if (!(value instanceof String)) {
      throw malformed("has a token_type that is not a JSON string");
    }
    String type = ((String) value).strip();
    if (type.equalsIgnoreCase("Bearer") || type.equalsIgnoreCase("BearerToken")) {
      return type;
    }
    // The value is not quoted: whatever sits there might be a token.
    throw malformed("has a token_type that is neither Bearer nor BearerToken; the SDK handles bearer tokens only");
  }

  private static Instant issuedAt(Object value) {
    BigDecimal millis = value == null ? null : number(value);
    if (millis == null || millis.signum() <= 0 || millis.stripTrailingZeros().scale() > 0
        || millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return null; // diagnostic only: a bad issued_at is ignored
    }
    try {
      return Instant.ofEpochMilli(millis.longValueExact());
    } catch (ArithmeticException | DateTimeException e) {
      return null;
    }
  }

  private static BigDecimal number(Object value) {
    String text;
    if (value instanceof String) {
      text = ((String) value).strip();
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof BigInteger) {
      return new BigDecimal((BigInteger) value);
    } else if (value instanceof BigDecimal) {
      return (BigDecimal) value;
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    } else if (value instanceof Number) {
      text = value.toString(); // such as Gson's LazilyParsedNumber, which keeps the JSON text
    } else {
      return null;
    }
    if (text.length() > 400 || !JSON_NUMBER.matcher(text).matches()) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) { // an exponent beyond int range
      return null;
    }
  }

  private static MalformedResponseException malformed(String problem) {
    return new MalformedResponseException("token response " + problem, OsOAuth2Exception.NO_STATUS, null, null);
  }
}
