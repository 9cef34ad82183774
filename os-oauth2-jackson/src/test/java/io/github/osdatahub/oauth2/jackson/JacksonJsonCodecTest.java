package io.github.osdatahub.oauth2.jackson;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.testkit.contract.JsonCodecContract;

/** The JSON codec contract, for {@link JacksonJsonCodec} over a default ObjectMapper. */
class JacksonJsonCodecTest extends JsonCodecContract {
  @Override
  protected JsonCodec codec() {
    return JacksonJsonCodec.create();
  }
}
