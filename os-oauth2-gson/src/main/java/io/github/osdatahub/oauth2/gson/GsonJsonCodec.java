package io.github.osdatahub.oauth2.gson;

import com.google.gson.Gson;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link JsonCodec} over Gson's streaming {@link JsonReader}, always in Gson's
 * {@link Strictness#STRICT strict} mode: exactly one RFC 8259 JSON object, nothing after it, no
 * single quotes, unquoted names, comments or other lenient syntax, whatever the given {@link Gson}
 * allows. The Gson is used as it is and never reconfigured.
 *
 * <p>Values map as {@link JsonCodec} says; integers become {@link Long} (or {@link BigInteger} past
 * the range of {@code long}) and other numbers {@link BigDecimal}, so nothing is rounded through
 * {@code double}. A duplicate member name is rejected rather than resolved. Error messages name the
 * problem and never quote the input (which may hold a token), so Gson's own exception, whose
 * message carries the member names on the path, is not kept as the cause.
 *
 * <pre>{@code
 * CachingTokenProvider tokens = OsOAuth2.builder(credentials)
 *     .jsonCodec(GsonJsonCodec.create(myGson))
 *     .build();
 * }</pre>
 */
public final class GsonJsonCodec implements JsonCodec {
  /** Far deeper than any token answer; bounds the recursion below whatever the reader allows. */
  static final int MAX_DEPTH = 128;

  /** Gson puts the position only in its message; the digits are all that is taken from it. */
  private static final class GsonPosition { // compiled on the first syntax error, not by every fresh JVM
    static final Pattern PATTERN = Pattern.compile("at line (\\d+) column (\\d+)");
  }

  private final Gson gson; // null for create(): a plain JsonReader, without the cost of building a Gson

  private GsonJsonCodec(Gson gson) {
    this.gson = gson;
  }

  /**
   * A codec with Gson's default reader settings. It reads with a {@link JsonReader} alone and never
   * builds a {@link Gson}, whose type adapters would cost a short-lived JVM some 100 ms to load.
   *
   * @return the codec
   */
  public static GsonJsonCodec create() {
    return new GsonJsonCodec(null);
  }

  /**
   * A codec over the application's own {@link Gson}, which only supplies the reader: no type
   * adapter or other setting of it applies, and it is not changed.
   *
   * @param gson the Gson to read with
   * @return the codec
   * @throws NullPointerException if {@code gson} is null
   */
  public static GsonJsonCodec create(Gson gson) {
    return new GsonJsonCodec(Objects.requireNonNull(gson, "gson"));
  }

  @Override
  public Map<String, Object> parseObject(String json) {
    Objects.requireNonNull(json, "json");
    if (isJsonWhitespace(json)) {
      throw new IllegalArgumentException("empty input: expected one JSON object");
    }
    EndTrackingReader source = new EndTrackingReader(json);
    JsonReader reader = gson == null ? new JsonReader(source) : gson.newJsonReader(source);
    // Strict on this reader only: RFC 8259 syntax even when the user's Gson is lenient.
    reader.setStrictness(Strictness.STRICT);
    Map<String, Object> object;
    try {
      JsonToken first = reader.peek();
      if (first != JsonToken.BEGIN_OBJECT) {
        throw new Rejected("not a JSON object: found " + describe(first));
      }
      object = readObject(reader, 1);
    } catch (Rejected e) {
      throw new IllegalArgumentException(e.getMessage());
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw syntaxError(e, source.reachedEnd());
    }
    requireEndOfInput(reader);
    return object;
  }

  private static Map<String, Object> readObject(JsonReader reader, int depth) throws IOException, Rejected {
    reader.beginObject();
    Map<String, Object> members = new LinkedHashMap<>();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (members.containsKey(name)) {
        throw new Rejected("duplicate member name in a JSON object");
      }
      members.put(name, readValue(reader, depth));
    }
    reader.endObject();
    return Collections.unmodifiableMap(members);
  }

  private static List<Object> readArray(JsonReader reader, int depth) throws IOException, Rejected {
    reader.beginArray();
    List<Object> elements = new ArrayList<>();
    while (reader.hasNext()) {
      elements.add(readValue(reader, depth));
    }
    reader.endArray();
    return Collections.unmodifiableList(elements);
  }

  private static Object readValue(JsonReader reader, int depth) throws IOException, Rejected {
    JsonToken token = reader.peek();
    switch (token) {
      case BEGIN_OBJECT:
        return readObject(reader, deeper(depth));
      case BEGIN_ARRAY:
        return readArray(reader, deeper(depth));
      case STRING:
        return reader.nextString();
      case NUMBER:
        return number(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        reader.nextNull();
        return null;
      default:
        // hasNext() was true, so a strict reader is at a value; anything else is a reader bug.
        throw new IllegalStateException("unexpected " + token);
    }
  }

  private static int deeper(int depth) throws Rejected {
    if (depth >= MAX_DEPTH) {
      throw new Rejected("JSON nested deeper than " + MAX_DEPTH + " levels");
    }
    return depth + 1;
  }

  /** A strict reader has checked the RFC 8259 number syntax; only the range can still fail. */
  private static Number number(String literal) throws Rejected {
    try {
      if (literal.indexOf('.') >= 0 || literal.indexOf('e') >= 0 || literal.indexOf('E') >= 0) {
        return new BigDecimal(literal);
      }
      if (literal.length() <= 18) {
        return Long.parseLong(literal); // at most 18 digits always fits
      }
      BigInteger integer = new BigInteger(literal);
      return integer.bitLength() < Long.SIZE ? (Number) integer.longValue() : integer;
    } catch (NumberFormatException e) {
      // Thrown for an exponent past what BigDecimal holds; its message quotes the literal.
      throw new Rejected("number out of range");
    }
  }

  private static void requireEndOfInput(JsonReader reader) {
    boolean end;
    try {
      end = reader.peek() == JsonToken.END_DOCUMENT;
    } catch (IOException | IllegalStateException e) {
      end = false; // a strict reader refuses a second value with an exception
    }
    if (!end) {
      throw new IllegalArgumentException("trailing content after the JSON object");
    }
  }

  private static IllegalArgumentException syntaxError(Exception e, boolean inputEnded) {
    if (inputEnded) {
      return new IllegalArgumentException("truncated JSON: the input ends inside the object");
    }
    Matcher position = GsonPosition.PATTERN.matcher(String.valueOf(e.getMessage()));
    return new IllegalArgumentException(position.find()
        ? "malformed JSON at line " + position.group(1) + ", column " + position.group(2)
        : "malformed JSON");
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case BEGIN_ARRAY:
        return "an array";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
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
