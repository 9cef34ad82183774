package io.github.osdatahub.oauth2.gson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link GsonJsonCodec#create(Gson)} reads strictly with the user's Gson and leaves it as it was. */
class GsonJsonCodecUserGsonTest {
  private final Gson lenient = new GsonBuilder().setStrictness(Strictness.LENIENT).create();

  @Test
  void readsWithTheUsersGson() {
    GsonJsonCodec codec = GsonJsonCodec.create(lenient);

    assertEquals(Map.of("expires_in", "299"), codec.parseObject("{\"expires_in\":\"299\"}"));
  }

  @Test
  void rejectsLenientSyntaxThatTheUsersGsonAccepts() {
    GsonJsonCodec codec = GsonJsonCodec.create(lenient);
    String singleQuoted = "{'access_token':'abc'}";

    assertEquals("abc", lenient.fromJson(singleQuoted, JsonObject.class).get("access_token").getAsString());
    assertThrows(IllegalArgumentException.class, () -> codec.parseObject(singleQuoted));
  }

  @Test
  void rejectsTrailingContentThatTheUsersGsonIgnores() {
    GsonJsonCodec codec = GsonJsonCodec.create(lenient);
    String trailing = "{\"a\":1} x";

    assertEquals(1, readLeniently(trailing).get("a").getAsInt());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.parseObject(trailing));
    assertEquals("trailing content after the JSON object", e.getMessage());
  }

  @Test
  void leavesTheUsersGsonLenient() {
    GsonJsonCodec codec = GsonJsonCodec.create(lenient);

    assertThrows(IllegalArgumentException.class, () -> codec.parseObject("{'a':1}"));
    assertThrows(IllegalArgumentException.class, () -> codec.parseObject("{\"a\":1} x"));

    assertEquals(Strictness.LENIENT, lenient.newJsonReader(new StringReader("{}")).getStrictness());
    assertEquals(1, readLeniently("{'a':1} x").get("a").getAsInt());
  }

  @Test
  void malformedInputIsReportedWithItsPosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GsonJsonCodec.create().parseObject("{\"a\":1,\n\"b\":x}"));

    assertEquals("malformed JSON at line 2, column 5", e.getMessage());
  }

  /** Gson's own fromJson(String) refuses trailing content even when lenient; a reader does not. */
  private JsonObject readLeniently(String json) {
    return lenient.fromJson(lenient.newJsonReader(new StringReader(json)), JsonObject.class);
  }

  @Test
  void createRejectsANullGson() {
    assertThrows(NullPointerException.class, () -> GsonJsonCodec.create(null));
  }
}
