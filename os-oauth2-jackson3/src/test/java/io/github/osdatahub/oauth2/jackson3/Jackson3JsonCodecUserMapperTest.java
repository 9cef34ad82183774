package io.github.osdatahub.oauth2.jackson3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Jackson3JsonCodec#create(ObjectMapper)} parses with the user's mapper's factory and
 * constraints, strictly whatever the mapper allows, and leaves the mapper as it was.
 */
class Jackson3JsonCodecUserMapperTest {
  private static ObjectMapper lenientMapper() {
    return JsonMapper.builder()
        .enable(JsonReadFeature.values())
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  @Test
  void rejectsTrailingTokensThatTheMapperIgnores() {
    ObjectMapper mapper = lenientMapper();
    Jackson3JsonCodec codec = Jackson3JsonCodec.create(mapper);
    String trailing = "{\"a\":1} [2]";

    assertEquals(1, mapper.readTree(trailing).get("a").asInt());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.parseObject(trailing));
    assertEquals("trailing content after the JSON object", e.getMessage());
  }

  @Test
  void rejectsLenientSyntaxThatTheMapperAccepts() {
    ObjectMapper mapper = lenientMapper();
    Jackson3JsonCodec codec = Jackson3JsonCodec.create(mapper);
    String lenient = "{access_token:'abc', /* comment */ \"n\":+01,}";

    assertEquals("abc", mapper.readTree(lenient).get("access_token").asString());
    assertThrows(IllegalArgumentException.class, () -> codec.parseObject(lenient));
  }

  @Test
  void leavesTheMapperConfiguredAsBefore() {
    ObjectMapper mapper = lenientMapper();
    TokenStreamFactory factory = mapper.tokenStreamFactory();
    int formatReadFeatures = factory.getFormatReadFeatures();
    int streamReadFeatures = factory.getStreamReadFeatures();
    Jackson3JsonCodec codec = Jackson3JsonCodec.create(mapper);

    assertThrows(IllegalArgumentException.class, () -> codec.parseObject("{'a':1} x"));
    assertThrows(IllegalArgumentException.class, () -> codec.parseObject("{\"a\":1,\"a\":2}"));
    assertEquals(Map.of("a", 1L), codec.parseObject("{\"a\":1}"));

    assertSame(factory, mapper.tokenStreamFactory());
    assertEquals(formatReadFeatures, factory.getFormatReadFeatures());
    assertEquals(streamReadFeatures, factory.getStreamReadFeatures());
    assertTrue(mapper.isEnabled(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION));
    assertFalse(mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    assertEquals(1, mapper.readTree("{'a':1} x").get("a").asInt());
  }

  @Test
  void appliesTheMappersStreamReadConstraints() {
    StreamReadConstraints shortNumbers = StreamReadConstraints.builder().maxNumberLength(5).build();
    ObjectMapper mapper = new ObjectMapper(JsonFactory.builder().streamReadConstraints(shortNumbers).build());
    Jackson3JsonCodec codec = Jackson3JsonCodec.create(mapper);

    assertEquals(Map.of("n", 12345L), codec.parseObject("{\"n\":12345}"));
    assertEquals(Map.of("n", 1234567L), Jackson3JsonCodec.create().parseObject("{\"n\":1234567}"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> codec.parseObject("{\"n\":1234567}"));
    assertEquals("JSON over a limit of the ObjectMapper's StreamReadConstraints", e.getMessage());
    StreamConstraintsException cause = assertInstanceOf(StreamConstraintsException.class, e.getCause());
    assertFalse(cause.getMessage().contains("1234567"), cause::getMessage);
  }

  @Test
  void malformedInputIsReportedWithItsPosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Jackson3JsonCodec.create().parseObject("{\"a\":1,\n\"b\":x}"));

    assertEquals("malformed JSON at line 2, column 5", e.getMessage());
  }

  @Test
  void refusesAMapperForAnotherFormat() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Jackson3JsonCodec.create(new ObjectMapper(new NotJsonFactory())));

    assertEquals("not a JSON ObjectMapper: it reads YAML", e.getMessage());
  }

  @Test
  void createRejectsANullMapper() {
    assertThrows(NullPointerException.class, () -> Jackson3JsonCodec.create(null));
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
