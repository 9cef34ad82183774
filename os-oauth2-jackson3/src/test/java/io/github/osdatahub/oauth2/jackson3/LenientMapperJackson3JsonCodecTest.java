package io.github.osdatahub.oauth2.jackson3;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.testkit.contract.JsonCodecContract;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole contract still holds over a user's mapper that allows every lenient syntax, ignores
 * trailing tokens, detects duplicates its own way and puts the source in its error messages.
 */
class LenientMapperJackson3JsonCodecTest extends JsonCodecContract {
  @Override
  protected JsonCodec codec() {
    return Jackson3JsonCodec.create(JsonMapper.builder()
        .enable(JsonReadFeature.values())
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION, StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build());
  }
}
