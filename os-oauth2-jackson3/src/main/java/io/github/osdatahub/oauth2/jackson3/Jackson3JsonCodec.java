package io.github.osdatahub.oauth2.jackson3;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.ObjectMapper;

/**
 * A {@link JsonCodec} over Jackson 3's streaming {@link JsonParser}, made from a copy of the given
 * {@link ObjectMapper}'s {@link JsonFactory} (so its {@code StreamReadConstraints} apply) but with
 * no data binding and none of its leniency: exactly one RFC 8259 JSON object, nothing after it, no
 * single quotes, unquoted names, comments or other {@link JsonReadFeature} relaxations, whatever
 * the mapper allows. The mapper and its factory are never reconfigured; the copy is taken when
 * the codec is created.
 *
 * <p>Values map as {@link JsonCodec} says; integers become {@link Long} (or {@link BigInteger} past
 * the range of {@code long}) and other numbers {@link BigDecimal}, so nothing is rounded through
 * {@code double}. A duplicate member name is rejected rather than resolved. Error messages name the
 * problem and never quote the input (which may hold a token); Jackson's syntax errors quote the
 * offending token, so they are not kept as the cause.
 *
 * <pre>{@code
 * CachingTokenProvider tokens = OsOAuth2.builder(credentials)
 *     .jsonCodec(Jackson3JsonCodec.create(jsonMapper))
 *     .build();
 * }</pre>
 */
public final class Jackson3JsonCodec implements JsonCodec {
  /** Far deeper than any token answer; bounds the recursion below whatever the mapper allows. */
  static final int MAX_DEPTH = 128;

  private final JsonFactory factory;

  private Jackson3JsonCodec(JsonFactory factory) {
    this.factory = factory;
  }

  /**
   * A codec over a default {@link ObjectMapper}.
   *
   * @return the codec
   */
  public static Jackson3JsonCodec create() {
    return create(new ObjectMapper());
  }

  /**
   * A codec over the application's own {@link ObjectMapper} (Spring Boot 4's {@code JsonMapper},
   * say): a copy of its JSON factory is used, with its stream read constraints, but not its
   * leniency, data binding or modules; the mapper is not changed.
   *
   * @param mapper a JSON mapper
   * @return the codec
   * @throws NullPointerException if {@code mapper} is null
   * @throws IllegalArgumentException if the mapper reads another format, such as YAML
   */
  public static Jackson3JsonCodec create(ObjectMapper mapper) {
    Objects.requireNonNull(mapper, "mapper");
    TokenStreamFactory users = mapper.tokenStreamFactory();
    if (!(users instanceof JsonFactory) || !JsonFactory.FORMAT_NAME_JSON.equals(users.getFormatName())) {
      throw new IllegalArgumentException("not a JSON ObjectMapper: it reads " + users.getFormatName());
    }
    // A copy, not the mapper's factory: a parser keeps the duplicate detector its factory gave it.
    JsonFactoryBuilder strict = ((JsonFactory) users).rebuild();
    for (JsonReadFeature relaxation : JsonReadFeature.values()) {
      strict.disable(relaxation); // each one relaxes RFC 8259; values() covers any Jackson 3 version
    }
    // No excerpt of the body in any location Jackson reports.
    strict.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
    // Duplicates are refused below, with a message that does not name the member.
    strict.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    return new Jackson3JsonCodec(strict.build());
  }

  @Override
  public Map<String, Object> parseObject(String json) {
    Objects.requireNonNull(json, "json");
    if (isJsonWhitespace(json)) {
      throw new IllegalArgumentException("empty input: expected one JSON object");
    }
    EndTrackingReader source = new EndTrackingReader(json);
    JsonParser parser;
    try {
      parser = factory.createParser(ObjectReadContext.empty(), source);
    } catch (JacksonException e) {
      // Creating a parser over an in-memory reader does not read it, so this does not happen.
      throw new IllegalArgumentException("malformed JSON");
    }
    try (parser) {
      Map<String, Object> object = readRoot(parser, source);
      requireEndOfInput(parser);
      return object;
    }
  }

  private static Map<String, Object> readRoot(JsonParser parser, EndTrackingReader source) {
    try {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new Rejected("not a JSON object: found " + describe(first));
      }
      return readObject(parser, 1);
    } catch (Rejected e) {
      throw new IllegalArgumentException(e.getMessage());
    } catch (StreamConstraintsException e) {
      // Its message holds lengths and limits, and a location without source: safe to keep.
      throw new IllegalArgumentException("JSON over a limit of the ObjectMapper's StreamReadConstraints", e);
    } catch (JacksonException | IllegalArgumentException | IllegalStateException e) {
      throw syntaxError(e, source.reachedEnd());
    }
  }

  private static Map<String, Object> readObject(JsonParser parser, int depth) throws Rejected {
    Map<String, Object> members = new LinkedHashMap<>();
    JsonToken token;
    while ((token = present(parser.nextToken())) == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      if (members.containsKey(name)) {
        throw new Rejected("duplicate member name in a JSON object");
      }
      members.put(name, readValue(parser, parser.nextToken(), depth));
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IllegalStateException("unexpected " + token); // a JSON parser gives no other
    }
    return Collections.unmodifiableMap(members);
  }

  private static List<Object> readArray(JsonParser parser, int depth) throws Rejected {
    List<Object> elements = new ArrayList<>();
    JsonToken token;
    while ((token = present(parser.nextToken())) != JsonToken.END_ARRAY) {
      elements.add(readValue(parser, token, depth));
    }
    return Collections.unmodifiableList(elements);
  }

  private static Object readValue(JsonParser parser, JsonToken token, int depth) throws Rejected {
    switch (present(token)) {
      case START_OBJECT:
        return readObject(parser, deeper(depth));
      case START_ARRAY:
        return readArray(parser, deeper(depth));
      case VALUE_STRING:
        return parser.getString();
      case VALUE_NUMBER_INT:
        return integer(parser);
      case VALUE_NUMBER_FLOAT:
        return decimal(parser);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        // A JSON parser gives no other token in value position; anything else is a parser bug.
        throw new IllegalStateException("unexpected " + token);
    }
  }

  /** Jackson throws at the end of input inside the object, but a null token would mean the same. */
  private static JsonToken present(JsonToken token) throws Rejected {
    if (token == null) {
      throw new Rejected("truncated JSON: the input ends inside the object");
    }
    return token;
  }

  private static int deeper(int depth) throws Rejected {
    if (depth >= MAX_DEPTH) {
      throw new Rejected("JSON nested deeper than " + MAX_DEPTH + " levels");
    }
    return depth + 1;
  }

  private static Number integer(JsonParser parser) {
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      BigInteger integer = parser.getBigIntegerValue();
      return integer.bitLength() < Long.SIZE ? (Number) integer.longValue() : integer;
    }
    return parser.getLongValue();
  }

  private static Number decimal(JsonParser parser) throws Rejected {
    try {
      return parser.getDecimalValue();
    } catch (NumberFormatException e) {
      // Thrown for an exponent past what BigDecimal holds; its message quotes the literal.
      throw new Rejected("number out of range");
    }
  }

  private static void requireEndOfInput(JsonParser parser) {
    boolean end;
    try {
      end = parser.nextToken() == null;
    } catch (JacksonException | IllegalArgumentException | IllegalStateException e) {
      end = false; // garbage after the object, which the parser refuses as a token
    }
    if (!end) {
      throw new IllegalArgumentException("trailing content after the JSON object");
    }
  }

  private static IllegalArgumentException syntaxError(RuntimeException e, boolean inputEnded) {
    if (inputEnded) {
      return new IllegalArgumentException("truncated JSON: the input ends inside the object");
    }
    TokenStreamLocation location = e instanceof JacksonException ? ((JacksonException) e).getLocation() : null;
    return new IllegalArgumentException(location != null && location.getLineNr() > 0 && location.getColumnNr() > 0
        ? "malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr()
        : "malformed JSON");
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    switch (token) {
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.toString();
    }
  }

  private static boolean isJsonWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  /** A rejection of ours, kept apart from the library's exceptions until it becomes the message. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message, null, false, false);
    }
  }
}
