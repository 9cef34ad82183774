package io.github.osdatahub.oauth2.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.osdatahub.oauth2.TokenResponse;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The behaviour every {@link JsonCodec} must show: OS's real token answer, exact numbers, unicode,
 * nesting and member order, and a strict refusal, with a message that quotes nothing of the input,
 * of anything that is not exactly one RFC 8259 JSON object. Uses JUnit's own assertions only.
 *
 * <pre>{@code
 * class MyJsonCodecTest extends JsonCodecContract {
 *   @Override
 *   protected JsonCodec codec() {
 *     return MyJsonCodec.create();
 *   }
 * }
 * }</pre>
 *
 * <p>A case a codec cannot support is overridden with
 * {@code Assumptions.assumeTrue(false, "why")} and listed in the module README, never with an empty
 * body.
 */
public abstract class JsonCodecContract {
  /** The token in OS's documented answer. */
  private static final String TOKEN = "ZclClFcksJlZ19vnJOt09Yj3xme0";
  /** OS's real answer, byte for byte: numbers as strings. */
  private static final String OS_RESPONSE = "{\"access_token\":\"" + TOKEN
      + "\",\"expires_in\":\"299\",\"issued_at\":\"1634663382476\",\"token_type\":\"Bearer\"}";
  /** Parts of the tokens used here that no error message may hold. */
  private static final List<String> FORBIDDEN = List.of(TOKEN.substring(0, 6), "tok-DO", "DO-NOT-LOG");

  /** For subclasses. */
  protected JsonCodecContract() {}

  /**
   * The codec under test, in its default configuration.
   *
   * @return the codec
   */
  protected abstract JsonCodec codec();

  // ---- OS's token answer ------------------------------------------------------------------

  /** OS's real answer gives its four members with their values. */
  @Test
  protected void parsesTheOsTokenResponse() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("access_token", TOKEN);
    expected.put("expires_in", "299");
    expected.put("issued_at", "1634663382476");
    expected.put("token_type", "Bearer");

    assertEquals(expected, parse(OS_RESPONSE));
  }

  /** Numbers that OS sends as JSON strings stay strings: converting them is the core's job. */
  @Test
  protected void keepsNumbersSentAsStringsAsStrings() {
    Map<String, Object> answer = parse(OS_RESPONSE);

    assertEquals("299", answer.get("expires_in"));
    assertEquals("1634663382476", answer.get("issued_at"));
  }

  /** The older answer, with JSON numbers and {@code BearerToken}, gives exact longs. */
  @Test
  protected void parsesTheLegacyTokenResponseWithJsonNumbers() {
    Map<String, Object> answer = parse("{\"access_token\":\"" + TOKEN
        + "\",\"expires_in\":299,\"issued_at\":1634663382476,\"token_type\":\"BearerToken\"}");

    assertEquals(299L, answer.get("expires_in"));
    assertEquals(1634663382476L, answer.get("issued_at"));
    assertEquals("BearerToken", answer.get("token_type"));
  }

  /** A BOM is stripped by the core before the codec sees the text; the whole path must accept it. */
  @Test
  protected void tokenResponseParsesABodyWithAByteOrderMark() {
    byte[] utf8 = OS_RESPONSE.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[utf8.length + 3];
    body[0] = (byte) 0xEF;
    body[1] = (byte) 0xBB;
    body[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, body, 3, utf8.length);

    TokenResponse response = TokenResponse.parse(body, codec());

    assertEquals(TOKEN, response.accessToken());
    assertEquals(Duration.ofSeconds(299), response.expiresIn());
    assertEquals("Bearer", response.tokenType());
    assertEquals(Optional.of(Instant.ofEpochMilli(1634663382476L)), response.issuedAt());
  }

  // ---- numbers ----------------------------------------------------------------------------

  /** Integers are {@link Long}, whatever their size, so callers need one numeric type. */
  @Test
  protected void integersAreLongs() {
    Map<String, Object> answer = parse("{\"a\":299,\"b\":-1,\"c\":0,\"d\":-0,\"e\":7}");

    assertAll(
        () -> assertEquals(299L, answer.get("a")),
        () -> assertEquals(-1L, answer.get("b")),
        () -> assertEquals(0L, answer.get("c")),
        () -> assertEquals(0L, answer.get("d")),
        () -> assertEquals(7L, answer.get("e")));
  }

  /** Integers round-trip exactly, including those a double cannot hold. */
  @Test
  protected void largeIntegersRoundTripExactly() {
    Map<String, Object> answer = parse("{\"issued\":1634663382476,\"max\":9223372036854775807,"
        + "\"min\":-9223372036854775808,\"pastDouble\":9007199254740993}");

    assertAll(
        () -> assertEquals(1634663382476L, answer.get("issued")),
        () -> assertEquals(Long.MAX_VALUE, answer.get("max")),
        () -> assertEquals(Long.MIN_VALUE, answer.get("min")),
        () -> assertEquals(9007199254740993L, answer.get("pastDouble")));
  }

  /** Integers beyond {@code long} are exact {@link BigInteger}s. */
  @Test
  protected void integersBeyondLongAreBigIntegers() {
    Map<String, Object> answer = parse("{\"above\":9223372036854775808,\"below\":-9223372036854775809,"
        + "\"huge\":123456789012345678901234567890}");

    assertAll(
        () -> assertEquals(new BigInteger("9223372036854775808"), answer.get("above")),
        () -> assertEquals(new BigInteger("-9223372036854775809"), answer.get("below")),
        () -> assertEquals(new BigInteger("123456789012345678901234567890"), answer.get("huge")));
  }

  /** Fractions are exact {@link BigDecimal}s, never rounded through {@code double}. */
  @Test
  protected void decimalsAreExactBigDecimals() {
    Map<String, Object> answer = parse("{\"half\":0.5,\"tenth\":0.1,\"negative\":-2.5,\"whole\":1.0,"
        + "\"pi\":3.14159265358979323846264338327950288}");

    assertAll(
        () -> assertEquals(new BigDecimal("0.5"), answer.get("half")),
        () -> assertEquals(new BigDecimal("0.1"), answer.get("tenth")),
        () -> assertEquals(new BigDecimal("-2.5"), answer.get("negative")),
        () -> assertEquals(new BigDecimal("1.0"), answer.get("whole")),
        () -> assertEquals(new BigDecimal("3.14159265358979323846264338327950288"), answer.get("pi")));
  }

  /** Numbers with an exponent are {@link BigDecimal}s of the exact value, even past {@code double}. */
  @Test
  protected void exponentNumbersAreExactBigDecimals() {
    Map<String, Object> answer = parse("{\"thousand\":1e3,\"upper\":1E+3,\"small\":2.5e-3,\"vast\":1e400}");

    assertAll(
        () -> assertNumericallyEqual(new BigDecimal("1000"), answer.get("thousand")),
        () -> assertNumericallyEqual(new BigDecimal("1000"), answer.get("upper")),
        () -> assertNumericallyEqual(new BigDecimal("0.0025"), answer.get("small")),
        () -> assertNumericallyEqual(new BigDecimal("1e400"), answer.get("vast")));
  }

  /** An exponent no {@link BigDecimal} can hold is refused without quoting the number. */
  @Test
  protected void rejectsANumberWhoseExponentIsOutOfRange() {
    IllegalArgumentException e = assertRejected("{\"n\":1e99999999999}");

    assertFalse(e.getMessage().contains("99999999999"), () -> "message quotes the number: " + e.getMessage());
  }

  // ---- strings ----------------------------------------------------------------------------

  /** {@code \}{@code u} escapes decode, in values and in member names, lower or upper case hex. */
  @Test
  protected void decodesUnicodeEscapes() {
    Map<String, Object> answer = parse("{\"caf\\u00e9\":\"caf\\u00E9\",\"nul\":\"a\\u0000b\"}");

    assertEquals("café", answer.get("café"));
    assertEquals("a\u0000b", answer.get("nul"));
  }

  /** A surrogate pair escape decodes to the one code point beyond the BMP. */
  @Test
  protected void decodesSurrogatePairEscapes() {
    Object value = parse("{\"smile\":\"\\ud83d\\ude00\"}").get("smile");

    assertEquals("\uD83D\uDE00", value);
    assertEquals(0x1F600, ((String) value).codePointAt(0));
  }

  /** Non-ASCII characters written as themselves come through unchanged. */
  @Test
  protected void keepsRawUtf8Characters() {
    String text = "café ☕ \uD83D\uDE00 日本語 Ελληνικά";

    assertEquals(text, parse("{\"s\":\"" + text + "\"}").get("s"));
    assertEquals(1L, parse("{\"" + text + "\":1}").get(text));
  }

  /** The short escapes of RFC 8259 decode. */
  @Test
  protected void decodesStandardEscapes() {
    assertEquals("\" \\ / \b \f \n \r \t", parse("{\"s\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"}").get("s"));
  }

  // ---- structure --------------------------------------------------------------------------

  /** Nested objects become maps and arrays lists, with every value type inside. */
  @Test
  protected void parsesNestedObjectsAndArrays() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("b", Arrays.asList(1L, "two", null, true, Collections.emptyMap(), Collections.emptyList()));
    inner.put("c", Map.of("d", Map.of("e", "deep")));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", inner);
    expected.put("list", List.of(List.of(1L, 2L), List.of(), Map.of("x", new BigDecimal("0.5"))));

    assertEquals(expected, parse("{\"a\":{\"b\":[1,\"two\",null,true,{},[]],\"c\":{\"d\":{\"e\":\"deep\"}}},"
        + "\"list\":[[1,2],[],{\"x\":0.5}]}"));
  }

  /** Members the core does not know are kept, so the core decides what to ignore. */
  @Test
  protected void keepsUnknownMembers() {
    Map<String, Object> answer = parse("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":\"299\","
        + "\"scope\":\"\",\"refresh_count\":\"0\",\"extra\":{\"x\":[1,2]},\"token_type\":\"Bearer\"}");

    assertEquals(6, answer.size());
    assertEquals("", answer.get("scope"));
    assertEquals("0", answer.get("refresh_count"));
    assertEquals(Map.of("x", List.of(1L, 2L)), answer.get("extra"));
  }

  /** Members come back in the order the text has them, not sorted or hashed. */
  @Test
  protected void keepsMemberOrder() {
    List<String> names = List.of("zulu", "alpha", "mike", "bravo", "yankee", "charlie", "x-ray", "delta",
        "whiskey", "echo", "victor", "foxtrot", "uniform", "golf", "tango", "hotel", "sierra", "india");
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < names.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":").append(i);
    }

    assertEquals(names, new ArrayList<>(parse(json.append('}').toString()).keySet()));
  }

  /** Nested objects keep their member order too. */
  @Test
  protected void keepsMemberOrderInNestedObjects() {
    Object nested = parse("{\"outer\":{\"z\":1,\"a\":2,\"y\":3,\"b\":4}}").get("outer");

    assertInstanceOf(Map.class, nested);
    assertEquals(List.of("z", "a", "y", "b"), new ArrayList<>(((Map<?, ?>) nested).keySet()));
  }

  /** {@code true}, {@code false} and {@code null} map to booleans and a present null member. */
  @Test
  protected void parsesBooleansAndNull() {
    Map<String, Object> answer = parse("{\"t\":true,\"f\":false,\"n\":null}");

    assertEquals(Boolean.TRUE, answer.get("t"));
    assertEquals(Boolean.FALSE, answer.get("f"));
    assertTrue(answer.containsKey("n"), "a null member is kept");
    assertNull(answer.get("n"));
  }

  /** The empty object is an object. */
  @Test
  protected void parsesTheEmptyObject() {
    assertEquals(Map.of(), parse("{}"));
    assertEquals(Map.of(), parse(" {  } "));
  }

  /** Insignificant whitespace (space, tab, CR, LF) may stand between any tokens. */
  @Test
  protected void allowsWhitespaceBetweenTokens() {
    Map<String, Object> answer = parse("\r\n\t {\r\n  \"a\" :\t[ 1 , { \"b\" : null } ] ,\n  \"c\" : \"d\"\r\n}\n\t ");

    assertEquals(Arrays.asList(1L, Collections.singletonMap("b", null)), answer.get("a"));
    assertEquals("d", answer.get("c"));
  }

  /** Nesting as deep as any gateway envelope, and far deeper, parses. */
  @Test
  protected void parsesModeratelyDeepNesting() {
    int depth = 40;
    String json = "{\"a\":" + "[{\"b\":".repeat(depth) + "\"bottom\"" + "}]".repeat(depth) + "}";

    Object value = parse(json).get("a");
    for (int i = 0; i < depth; i++) {
      value = ((Map<?, ?>) ((List<?>) value).get(0)).get("b");
    }
    assertEquals("bottom", value);
  }

  // ---- not one object ---------------------------------------------------------------------

  /** An array is not an object. */
  @Test
  protected void rejectsAnArray() {
    assertRejected("[]", "not a JSON object");
    assertRejected("[\"" + TOKEN + "\"]", "not a JSON object");
  }

  /** A string is not an object. */
  @Test
  protected void rejectsAString() {
    assertRejected("\"" + TOKEN + "\"", "not a JSON object");
  }

  /** A number is not an object. */
  @Test
  protected void rejectsANumber() {
    assertRejected("299", "not a JSON object");
  }

  /** {@code null} is not an object. */
  @Test
  protected void rejectsNull() {
    assertRejected("null", "not a JSON object");
  }

  /** A boolean is not an object. */
  @Test
  protected void rejectsABoolean() {
    assertRejected("true", "not a JSON object");
  }

  /** Empty text is refused as empty. */
  @Test
  protected void rejectsEmptyInput() {
    assertRejected("", "empty");
  }

  /** Text of whitespace only is refused as empty. */
  @Test
  protected void rejectsWhitespaceOnlyInput() {
    assertRejected(" \t\r\n ", "empty");
  }

  /** Characters that look blank but are not JSON whitespace are refused. */
  @Test
  protected void rejectsNonJsonWhitespace() {
    assertRejected("{\u00a0\"a\":1}");
    assertRejected("{\u000b\"a\":1}");
    assertRejected("{\f\"a\":1}");
  }

  /** A null text is a programming error, not malformed input. */
  @Test
  protected void rejectsANullText() {
    assertThrows(NullPointerException.class, () -> codec().parseObject(null));
  }

  // ---- truncated and trailing -------------------------------------------------------------

  /** An answer cut inside the token is refused as truncated. */
  @Test
  protected void rejectsATruncatedObject() {
    assertRejected("{\"access_token\":\"" + TOKEN.substring(0, 12), "truncated");
    assertRejected("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":\"299\"", "truncated");
  }

  /** Every cut of OS's answer is refused as truncated, never quoting what of the token it holds. */
  @Test
  protected void rejectsEveryTruncationOfTheOsResponse() {
    assertEveryPrefixTruncated(OS_RESPONSE);
  }

  /** Every cut of a document with every kind of value and escape is refused as truncated. */
  @Test
  protected void rejectsEveryTruncationOfARichDocument() {
    assertEveryPrefixTruncated("{ \"access_token\" : \"" + TOKEN + "\", \"n\":-12.5e+3,\"i\":1634663382476,"
        + "\"t\":true,\"f\":false,\"z\":null,\"s\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/\","
        + "\"a\":[1,[],{},{\"b\":[null]}],\"o\":{\"p\":{\"q\":\"r\"}} }");
  }

  /** Anything but whitespace after the object is refused as trailing content. */
  @Test
  protected void rejectsTrailingGarbage() {
    assertRejected(OS_RESPONSE + "x", "trailing");
    assertRejected(OS_RESPONSE + "}", "trailing");
    assertRejected(OS_RESPONSE + ",", "trailing");
    assertRejected(OS_RESPONSE + "]", "trailing");
    assertRejected(OS_RESPONSE + "\u0000", "trailing");
    assertRejected(OS_RESPONSE + " // comment", "trailing");
    assertRejected(OS_RESPONSE + TOKEN, "trailing");
  }

  /** A second JSON value after the object is refused as trailing content. */
  @Test
  protected void rejectsASecondValueAfterTheObject() {
    assertRejected("{}{}", "trailing");
    assertRejected(OS_RESPONSE + "\n" + OS_RESPONSE, "trailing");
    assertRejected("{} []", "trailing");
    assertRejected("{} 1", "trailing");
    assertRejected("{} \"" + TOKEN + "\"", "trailing");
    assertRejected("{} null", "trailing");
  }

  /** Whitespace after the object is fine. */
  @Test
  protected void allowsTrailingWhitespace() {
    assertEquals(parse(OS_RESPONSE), parse(OS_RESPONSE + " \r\n\t"));
  }

  // ---- strict syntax ----------------------------------------------------------------------

  /** Single-quoted names and strings are not JSON. */
  @Test
  protected void rejectsSingleQuotes() {
    assertRejected("{'access_token':\"x\"}");
    assertRejected("{\"access_token\":'" + TOKEN + "'}");
  }

  /** Unquoted member names and unquoted string values are not JSON. */
  @Test
  protected void rejectsUnquotedNamesAndValues() {
    assertRejected("{access_token:\"x\"}");
    assertRejected("{\"access_token\":" + TOKEN + "}");
  }

  /** Comments are not JSON. */
  @Test
  protected void rejectsComments() {
    assertRejected("{/* c */\"a\":1}");
    assertRejected("{\"a\":1 // c\n}");
    assertRejected("{# c\n\"a\":1}");
  }

  /** A comma before a closing bracket is not JSON. */
  @Test
  protected void rejectsTrailingCommas() {
    assertRejected("{\"a\":1,}");
    assertRejected("{\"a\":[1,2,]}");
  }

  /** {@code NaN} and the infinities are not JSON numbers. */
  @Test
  protected void rejectsNonFiniteNumbers() {
    assertRejected("{\"a\":NaN}");
    assertRejected("{\"a\":Infinity}");
    assertRejected("{\"a\":-Infinity}");
  }

  /** Leading zeros or plus, bare decimal points, hex and dangling exponents are not JSON numbers. */
  @Test
  protected void rejectsNumberFormsJsonDoesNotAllow() {
    for (String number : List.of("01", "+1", ".5", "5.", "1.e3", "0x1F", "1e", "-")) {
      assertRejected("{\"a\":" + number + "}");
    }
  }

  /** Literals are lower case in JSON. */
  @Test
  protected void rejectsLiteralsInAnotherCase() {
    assertRejected("{\"a\":True}");
    assertRejected("{\"a\":FALSE}");
    assertRejected("{\"a\":Null}");
  }

  /** Control characters must be escaped inside strings and names. */
  @Test
  protected void rejectsUnescapedControlCharacters() {
    assertRejected("{\"a\":\"x\ty\"}");
    assertRejected("{\"a\":\"x\ny\"}");
    assertRejected("{\"a\":\"x\u0000y\"}");
    assertRejected("{\"a\u0001\":1}");
  }

  /** Only RFC 8259's escapes are allowed, and {@code \}{@code u} takes four hex digits. */
  @Test
  protected void rejectsInvalidEscapes() {
    assertRejected("{\"a\":\"\\x\"}");
    assertRejected("{\"a\":\"\\'\"}");
    assertRejected("{\"a\":\"\\a\"}");
    assertRejected("{\"a\":\"\\u12G4\"}");
  }

  /** A missing value, name or separator is not JSON. */
  @Test
  protected void rejectsMissingValuesAndSeparators() {
    assertRejected("{\"a\":}");
    assertRejected("{\"a\" 1}");
    assertRejected("{\"a\":1 \"b\":2}");
    assertRejected("{,\"a\":1}");
    assertRejected("{\"a\":[1,,2]}");
    assertRejected("{\"a\":[,1]}");
  }

  /** Separators that lenient parsers accept ({@code =}, {@code =>}, {@code ;}) are not JSON. */
  @Test
  protected void rejectsNonStandardSeparators() {
    assertRejected("{\"a\"=1}");
    assertRejected("{\"a\"=>1}");
    assertRejected("{\"a\":1;\"b\":2}");
  }

  /** A member name twice is ambiguous (which token?) and refused, without naming the member. */
  @Test
  protected void rejectsDuplicateMemberNames() {
    assertRejected("{\"access_token\":\"a\",\"access_token\":\"b\"}", "duplicate");
    assertRejected("{\"tok-DO-NOT-LOG\":1,\"tok-DO-NOT-LOG\":1}", "duplicate");
  }

  /** Duplicates inside nested objects are refused too; names differing in case are not duplicates. */
  @Test
  protected void rejectsDuplicateMemberNamesInNestedObjects() {
    assertRejected("{\"o\":{\"x\":1,\"x\":1}}", "duplicate");
    assertEquals(2, parse("{\"a\":1,\"A\":2}").size());
  }

  /** Absurdly deep arrays are refused with an exception, not a stack overflow. */
  @Test
  protected void rejectsDeeplyNestedArraysWithoutOverflowingTheStack() {
    assertRejected("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
  }

  /** Absurdly deep objects are refused with an exception, not a stack overflow. */
  @Test
  protected void rejectsDeeplyNestedObjectsWithoutOverflowingTheStack() {
    assertRejected("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000));
  }

  // ---- secrecy and sharing ----------------------------------------------------------------

  /** However the input is broken, no message or cause quotes the token in it. */
  @Test
  protected void errorMessagesNeverQuoteTheToken() {
    String secret = "tok-DO-NOT-LOG";
    List<String> broken = List.of(
        "{\"access_token\":" + TOKEN + "}",
        "{\"access_token\":'" + TOKEN + "'}",
        "{'" + TOKEN + "':1}",
        "{" + TOKEN + ":1}",
        "{\"" + TOKEN + "\" 1}",
        "{\"" + TOKEN + "\":1 x}",
        "{\"" + TOKEN + "\":NaN}",
        "{\"access_token\":\"" + TOKEN + "\\x\"}",
        "{\"access_token\":\"" + TOKEN + "\\u12G4\"}",
        "{\"access_token\":\"" + TOKEN + "\t\"}",
        "{\"access_token\":\"" + TOKEN + "\"}" + TOKEN,
        "{\"access_token\":\"" + TOKEN + "\",\"access_token\":\"" + TOKEN + "\"}",
        "{\"access_token\":\"" + TOKEN + "\"",
        "{\"access_token\":" + TOKEN,
        "{\"access_token\":\"" + secret + "\",\"n\":1e99999999999}",
        "{\"access_token\":\"" + secret + "\",}",
        "{\"" + secret + "\":[1,,2]}",
        "[\"" + secret + "\"]",
        "\"" + secret + "\"");
    List<Executable> checks = new ArrayList<>();
    for (String json : broken) {
      checks.add(() -> assertRejected(json));
    }
    assertAll(checks);
  }

  /**
   * One codec instance serves many threads at once, each getting its own answer.
   *
   * @throws Exception if a worker thread fails or is interrupted
   */
  @Test
  protected void oneCodecParsesConcurrently() throws Exception {
    JsonCodec codec = codec();
    int threads = 8;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Integer> work = () -> {
          start.await();
          int correct = 0;
          for (int i = 0; i < perThread; i++) {
            String token = "token-" + thread + "-" + i;
            Map<String, Object> answer = codec.parseObject(
                "{\"access_token\":\"" + token + "\",\"expires_in\":" + i + ",\"token_type\":\"Bearer\"}");
            if (token.equals(answer.get("access_token")) && Long.valueOf(i).equals(answer.get("expires_in"))) {
              correct++;
            }
          }
          return correct;
        };
        results.add(pool.submit(work));
      }
      start.countDown();
      int correct = 0;
      for (Future<Integer> result : results) {
        correct += result.get();
      }
      assertEquals(threads * perThread, correct);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private Map<String, Object> parse(String json) {
    Map<String, Object> answer = codec().parseObject(json);
    assertNotNull(answer, "parseObject returned null");
    return answer;
  }

  /**
   * Asserts the text is refused with an IllegalArgumentException whose message holds each of the
   * words and, like every cause's, nothing of a token.
   */
  private IllegalArgumentException assertRejected(String json, String... words) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec().parseObject(json),
        () -> "accepted: " + abbreviate(json));
    String message = e.getMessage();
    assertNotNull(message, "an IllegalArgumentException without a message");
    for (String word : words) {
      assertTrue(message.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)),
          () -> "message '" + message + "' does not say '" + word + "' for " + abbreviate(json));
    }
    assertQuotesNoToken(e, json);
    return e;
  }

  private static void assertQuotesNoToken(Throwable thrown, String json) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> pending = new ArrayList<>(List.of(thrown));
    while (!pending.isEmpty()) {
      Throwable t = pending.remove(pending.size() - 1);
      if (!seen.add(t)) {
        continue;
      }
      for (String text : Arrays.asList(t.getMessage(), t.toString())) {
        for (String forbidden : FORBIDDEN) {
          if (text != null && text.contains(forbidden)) {
            fail(t.getClass().getName() + " quotes the token (" + forbidden + ") for " + abbreviate(json)
                + ": " + text);
          }
        }
      }
      if (t.getCause() != null) {
        pending.add(t.getCause());
      }
      pending.addAll(Arrays.asList(t.getSuppressed()));
    }
  }

  private void assertEveryPrefixTruncated(String json) {
    List<Executable> checks = new ArrayList<>();
    for (int end = 1; end < json.length(); end++) {
      String prefix = json.substring(0, end);
      checks.add(() -> assertRejected(prefix, "truncated"));
    }
    assertAll(checks);
  }

  private static void assertNumericallyEqual(BigDecimal expected, Object actual) {
    BigDecimal decimal = assertInstanceOf(BigDecimal.class, actual);
    assertEquals(0, expected.compareTo(decimal), () -> "expected " + expected + " but was " + decimal);
  }

  private static String abbreviate(String json) {
    return json.length() <= 120 ? json : json.substring(0, 120) + "... (" + json.length() + " chars)";
  }
}
