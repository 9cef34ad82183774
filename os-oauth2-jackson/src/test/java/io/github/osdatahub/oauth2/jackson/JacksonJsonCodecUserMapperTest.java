package io.github.osdatahub.oauth2.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JacksonJsonCodec#create(ObjectMapper)} parses with the user's mapper's factory and
 * constraints, strictly whatever the mapper allows, and leaves the mapper as it was.
 */
class JacksonJsonCodecUserMapperTest {
  private static ObjectMapper lenientMapper() {
    return JsonMapper.builder()
        .enable(JsonReadFeature.values())
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  @Test
  void rejectsTrailingTokensThatTheMapperIgnores() throws Exception {
    ObjectMapper mapper = lenientMapper();
    JacksonJsonCodec codec = JacksonJsonCodec.create(mapper);
    String trailing = "{\"a\":1} [2]";

    assertEquals(1, mapper.readTree(trailing).get("a").asInt());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.parseObject(trailing));
    assertEquals("trailing content after the JSON object", e.getMessage());
  }

  @Test
  void rejectsLenientSyntaxThatTheMapperAccepts() throws Exception {
    ObjectMapper mapper = lenientMapper();
    JacksonJsonCodec codec = JacksonJsonCodec.create(mapper);
    String lenient = "{access_token:'abc', /* comment */ \"n\":+01,}";

    assertEquals("abc", mapper.readTree(lenient).get("access_token").asText());
    assertThrows(IllegalArgumentException.class, () -> codec.parseObject(lenient));
  }

  @Test
  void leavesTheMapperConfiguredAsBefore() throws Exception {
    ObjectMapper mapper = lenientMapper();
    JsonFactory factory = mapper.getFactory();
    DeserializationConfig config = mapper.getDeserializationConfig();
    int parserFeatures = factory.getParserFeatures();
    int formatParserFeatures = factory.getFormatParserFeatures();
    JacksonJsonCodec codec = JacksonJsonCodec.create(mapper);

    assertThrows(IllegalArgumentException.class, () -> codec.parseObject("{'a':1} x"));
    assertThrows(IllegalArgumentException.class, () -> codec.parseObject("{\"a\":1,\"a\":2}"));
    assertEquals(Map.of("a", 1L), codec.parseObject("{\"a\":1}"));

    assertSame(factory, mapper.getFactory());
    assertSame(config, mapper.getDeserializationConfig());
    assertEquals(parserFeatures, factory.getParserFeatures());
    assertEquals(formatParserFeatures, factory.getFormatParserFeatures());
    assertTrue(factory.isEnabled(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION));
    assertFalse(mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    assertEquals(1, mapper.readTree("{'a':1} x").get("a").asInt());
  }

  @Test
  void appliesTheMappersStreamReadConstraints() {
    StreamReadConstraints shortNumbers = StreamReadConstraints.builder().maxNumberLength(5).build();
    ObjectMapper mapper = new ObjectMapper(JsonFactory.builder().streamReadConstraints(shortNumbers).build());
    JacksonJsonCodec codec = JacksonJsonCodec.create(mapper);

    assertEquals(Map.of("n", 12345L), codec.parseObject("{\"n\":12345}"));
    assertEquals(Map.of("n", 1234567L), JacksonJsonCodec.create().parseObject("{\"n\":1234567}"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> codec.parseObject("{\"n\":1234567}"));
    assertEquals("JSON over a limit of the ObjectMapper's StreamReadConstraints", e.getMessage());
    StreamConstraintsException cause = assertInstanceOf(StreamConstraintsException.class, e.getCause());
    assertFalse(cause.getMessage().contains("1234567"), cause::getMessage);
  }

  @Test
  void malformedInputIsReportedWithItsPosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JacksonJsonCodec.create().parseObject("{\"a\":1,\n\"b\":x}"));

    assertEquals("malformed JSON at line 2, column 5", e.getMessage());
  }

  @Test
  void refusesAMapperForAnotherFormat() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JacksonJsonCodec.create(new ObjectMapper(new NotJsonFactory())));

    assertEquals("not a JSON ObjectMapper: it reads YAML", e.getMessage());
  }

  @Test
  void createRejectsANullMapper() {
    assertThrows(NullPointerException.class, () -> JacksonJsonCodec.create(null));
  }

  /** Stands in for a YAML or CBOR factory, which would parse something other than JSON. */
  private static final class NotJsonFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public String getFormatName() {
      return "YAML";
    }
  }
}
