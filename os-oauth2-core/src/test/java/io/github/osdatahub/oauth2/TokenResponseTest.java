package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing the token endpoint's 200 answer: every lenient and every strict case. */
class TokenResponseTest {
  static final JsonCodec JSON = TestJsonCodec.create();

  static TokenResponse parse(String body) {
    return TokenResponse.parse(body.getBytes(StandardCharsets.UTF_8), JSON);
  }

  /** A codec that hands back a fixed map, for cases where JSON syntax is not the point. */
  static TokenResponse parseMap(Map<String, Object> members) {
    return TokenResponse.parse("{}".getBytes(StandardCharsets.UTF_8), json -> members);
  }

  static Map<String, Object> members(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static void malformed(String body, String message) {
    assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedResponseException.class).hasMessage(message);
  }

  @Test
  void osRealResponse() {
    TokenResponse r = parse(TokenClientTest.REAL);
    assertThat(r.accessToken()).isEqualTo("ZclClFcksJlZ19vnJOt09Yj3xme0");
    assertThat(r.expiresIn()).isEqualTo(Duration.ofSeconds(299));
    assertThat(r.issuedAt()).contains(Instant.ofEpochMilli(1634663382476L));
    assertThat(r.tokenType()).isEqualTo("Bearer");
    assertThat(r.toString()).doesNotContain("ZclClFcksJlZ19vnJOt09Yj3xme0").contains("299s");
  }

  @Test
  void numbersAsNumbers() {
    TokenResponse r = parse("{\"access_token\":\"abc\",\"expires_in\":299,\"issued_at\":1634663382476,"
        + "\"token_type\":\"Bearer\"}");
    assertThat(r.expiresIn()).isEqualTo(Duration.ofSeconds(299));
    assertThat(r.issuedAt()).contains(Instant.ofEpochMilli(1634663382476L));
  }

  @Test
  void numbersAsEveryJavaTypeACodecMayReturn() {
    for (Object n : List.of(299, 299L, (short) 299, 299.0d, 299.0f, new BigDecimal("299"), new BigDecimal("299.000"),
        BigInteger.valueOf(299), new LazyNumber("299"), "299", " 299 ", "2.99e2")) {
      TokenResponse r = parseMap(members("access_token", "abc", "expires_in", n, "token_type", "Bearer"));
      assertThat(r.expiresIn()).as("%s (%s)", n, n.getClass().getSimpleName()).isEqualTo(Duration.ofSeconds(299));
    }
  }

  @ParameterizedTest
  @CsvSource({"Bearer", "BearerToken", "bearer", "BEARER", "bearertoken", "BEARERTOKEN", "' Bearer '"})
  void bearerTypesInAnyCase(String type) {
    TokenResponse r = parseMap(members("access_token", "abc", "expires_in", "299", "token_type", type));
    assertThat(r.tokenType()).isEqualTo(type.strip());
  }

  @Test
  void missingTokenTypeIsTakenAsBearer() {
    assertThat(parse("{\"access_token\":\"abc\",\"expires_in\":\"299\"}").tokenType()).isEqualTo("Bearer");
  }

  @Test
  void unknownMembersAreIgnored() {
    TokenResponse r = parse("{\"scope\":\"\",\"refresh_token_expires_in\":\"0\",\"access_token\":\"abc\","
        + "\"nested\":{\"a\":[1,2,{\"b\":null}]},\"expires_in\":\"299\",\"token_type\":\"Bearer\",\"flag\":true}");
    assertThat(r.accessToken()).isEqualTo("abc");
  }

  @Test
  void byteOrderMarkAndWhitespaceAreDropped() {
    assertThat(parse("\uFEFF \n" + TokenClientTest.REAL + "\n").expiresIn()).isEqualTo(Duration.ofSeconds(299));
  }

  @Test
  void aDayIsTheLongestLifetime() {
    assertThat(parse("{\"access_token\":\"abc\",\"expires_in\":86400}").expiresIn()).isEqualTo(Duration.ofDays(1));
    assertThat(parse("{\"access_token\":\"abc\",\"expires_in\":\"1\"}").expiresIn()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void badIssuedAtIsIgnored() {
    for (Object issued : new Object[] {"yesterday", -5, 0, 1.5, "1e400", List.of(), true, "99999999999999999999999"}) {
      TokenResponse r = parseMap(members("access_token", "abc", "expires_in", "299", "issued_at", issued));
      assertThat(r.issuedAt()).as("%s", issued).isEmpty();
    }
  }

  // ------------------------------------------------------------------ strict

  @Test
  void emptyBodies() {
    malformed("", "token response is empty");
    malformed("   \r\n", "token response is empty");
    malformed("\uFEFF", "token response is empty");
    assertThatThrownBy(() -> TokenResponse.parse(new byte[0], JSON)).hasMessage("token response is empty");
    assertThatThrownBy(() -> TokenResponse.parse(null, JSON)).hasMessage("token response is empty");
  }

  @Test
  void notUtf8() {
    assertThatThrownBy(() -> TokenResponse.parse(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, JSON))
        .isInstanceOf(MalformedResponseException.class).hasMessage("token response is not valid UTF-8");
  }

  @Test
  void notJsonOrNotAnObject() {
    malformed("not json", "token response is not a well-formed JSON object");
    malformed("{\"access_token\":\"abc\",\"expires_in\":\"29", "token response is not a well-formed JSON object");
    malformed("{\"access_token\":\"abc\"} trailing", "token response is not a well-formed JSON object");
    malformed("\"a string\"", "token response is not a well-formed JSON object");
    malformed("299", "token response is not a well-formed JSON object");
    malformed("null", "token response is not a well-formed JSON object");
    malformed("[{\"access_token\":\"abc\"}]", "token response is a JSON array, not an object");
    malformed("<html><body>Hello</body></html>", "token response is not JSON (it looks like HTML or XML)");
  }

  @Test
  void aCodecThatReturnsNullOrThrowsSomethingElse() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TokenResponse.parse(body, json -> null))
        .isInstanceOf(MalformedResponseException.class).hasMessage("token response is not a well-formed JSON object");
    assertThatThrownBy(() -> TokenResponse.parse(body, json -> {
      throw new IllegalStateException("quoting " + json);
    })).isInstanceOf(MalformedResponseException.class).hasNoCause();
  }

  @Test
  void accessTokenProblems() {
    malformed("{\"expires_in\":\"299\",\"token_type\":\"Bearer\"}", "token response has no access_token");
    malformed("{\"access_token\":null,\"expires_in\":\"299\"}", "token response has no access_token");
    malformed("{\"access_token\":\"\",\"expires_in\":\"299\"}", "token response has an empty access_token");
    malformed("{\"access_token\":\"  \",\"expires_in\":\"299\"}", "token response has an empty access_token");
    malformed("{\"access_token\":42,\"expires_in\":\"299\"}", "token response has an access_token that is not a JSON string");
    malformed("{\"access_token\":{\"v\":\"x\"},\"expires_in\":\"299\"}",
        "token response has an access_token that is not a JSON string");
    malformed("{\"access_token\":\"ab\\r\\nX-Evil: 1\",\"expires_in\":\"299\"}",
        "token response has an access_token with characters that cannot go in an Authorization header");
    malformed("{\"access_token\":\"ab cd\",\"expires_in\":\"299\"}",
        "token response has an access_token with characters that cannot go in an Authorization header");
    malformed("{\"access_token\":\"caf\u00e9\",\"expires_in\":\"299\"}",
        "token response has an access_token with characters that cannot go in an Authorization header");
  }

  @Test
  void expiresInProblems() {
    String t = "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",";
    malformed(t + "\"x\":1}", "token response has no expires_in");
    malformed(t + "\"expires_in\":null}", "token response has no expires_in");
    malformed(t + "\"expires_in\":\"soon\"}", "token response has an expires_in that is not a number");
    malformed(t + "\"expires_in\":\"\"}", "token response has an expires_in that is not a number");
    malformed(t + "\"expires_in\":\"0x12\"}", "token response has an expires_in that is not a number");
    malformed(t + "\"expires_in\":\"299s\"}", "token response has an expires_in that is not a number");
    malformed(t + "\"expires_in\":true}", "token response has an expires_in that is not a number");
    malformed(t + "\"expires_in\":[299]}", "token response has an expires_in that is not a number");
    malformed(t + "\"expires_in\":\"1e99999999999\"}", "token response has an expires_in that is not a number");
    malformed(t + "\"expires_in\":0}", "token response has an expires_in of zero");
    malformed(t + "\"expires_in\":\"0\"}", "token response has an expires_in of zero");
    malformed(t + "\"expires_in\":\"-0\"}", "token response has an expires_in of zero");
    malformed(t + "\"expires_in\":-1}", "token response has a negative expires_in (-1)");
    malformed(t + "\"expires_in\":\"-299\"}", "token response has a negative expires_in (-299)");
    malformed(t + "\"expires_in\":299.5}", "token response has an expires_in that is not a whole number of seconds (299.5)");
    malformed(t + "\"expires_in\":\"0.5\"}", "token response has an expires_in that is not a whole number of seconds (0.5)");
    malformed(t + "\"expires_in\":86401}",
        "token response has an expires_in (86401) over 86400 s (a day); taken as a broken answer");
    malformed(t + "\"expires_in\":\"99999999999999999999999999\"}",
        "token response has an expires_in over 86400 s (a day); taken as a broken answer");
    malformed(t + "\"expires_in\":1e10}",
        "token response has an expires_in (1.0E+10) over 86400 s (a day); taken as a broken answer");
  }

  @Test
  void nonFiniteNumbersAreNotNumbers() {
    for (Object n : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)) {
      assertThatThrownBy(() -> parseMap(members("access_token", "abc", "expires_in", n)))
          .hasMessage("token response has an expires_in that is not a number");
    }
  }

  @Test
  void tokenTypeProblems() {
    String t = "{\"access_token\":\"abc\",\"expires_in\":\"299\",";
    malformed(t + "\"token_type\":\"mac\"}",
        "token response has a token_type that is neither Bearer nor BearerToken; the SDK handles bearer tokens only");
    malformed(t + "\"token_type\":\"\"}",
        "token response has a token_type that is neither Bearer nor BearerToken; the SDK handles bearer tokens only");
    malformed(t + "\"token_type\":\"Bearer Token\"}",
        "token response has a token_type that is neither Bearer nor BearerToken; the SDK handles bearer tokens only");
    malformed(t + "\"token_type\":1}", "token response has a token_type that is not a JSON string");
  }

  @Test
  void messagesNeverQuoteTheToken() {
    String token = "tok-DO-NOT-LOG";
    List<Map<String, Object>> cases = List.of(
        members("access_token", token, "expires_in", token),
        members("access_token", token, "expires_in", "299", "token_type", token),
        members("access_token", token + "\n", "expires_in", "299"),
        members("access_token", token, "expires_in", -1),
        members("access_token", token, "expires_in", 1e9),
        members("access_token", token, "expires_in", "299.5"));
    for (Map<String, Object> m : cases) {
      assertThatThrownBy(() -> parseMap(new HashMap<>(m)))
          .isInstanceOf(MalformedResponseException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token).doesNotContain("DO-NOT-LOG"));
    }
  }

  @Test
  void theParserExceptionHasNoStatusOfItsOwn() {
    assertThatThrownBy(() -> parse("")).isInstanceOfSatisfying(MalformedResponseException.class, e -> {
      assertThat(e.status()).isEqualTo(OsOAuth2Exception.NO_STATUS);
      assertThat(e.errorCode()).isEmpty();
    });
  }

  /** Like Gson's LazilyParsedNumber: a Number whose toString is the JSON text. */
  @SuppressWarnings("serial") // a test double, never serialised
  static final class LazyNumber extends Number {
    private final String text;

    LazyNumber(String text) {
      this.text = text;
    }

    @Override
    public int intValue() {
      return Integer.parseInt(text);
    }

    @Override
    public long longValue() {
      return Long.parseLong(text);
    }

    @Override
    public float floatValue() {
      return Float.parseFloat(text);
    }

    @Override
    public double doubleValue() {
      return Double.parseDouble(text);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
