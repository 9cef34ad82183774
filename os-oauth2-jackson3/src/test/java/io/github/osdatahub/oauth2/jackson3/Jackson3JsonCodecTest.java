package io.github.osdatahub.oauth2.jackson3;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.testkit.contract.JsonCodecContract;

/** The JSON codec contract, for {@link Jackson3JsonCodec} over a default ObjectMapper. */
class Jackson3JsonCodecTest extends JsonCodecContract {
  @Override
  protected JsonCodec codec() {
    return Jackson3JsonCodec.create();
  }
}
