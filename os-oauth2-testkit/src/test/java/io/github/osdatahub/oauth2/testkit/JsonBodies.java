package io.github.osdatahub.oauth2.testkit;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/** Parses an answer with Gson in strict mode: a body that is not exactly one JSON object fails the test. */
final class JsonBodies {
  private static final Gson GSON = new Gson();

  private JsonBodies() {}

  static JsonObject object(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = GSON.getAdapter(JsonElement.class).read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new AssertionError("more than one JSON value in " + text);
      }
      return element.getAsJsonObject();
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("not one strict JSON object: " + text, e);
    }
  }
}
