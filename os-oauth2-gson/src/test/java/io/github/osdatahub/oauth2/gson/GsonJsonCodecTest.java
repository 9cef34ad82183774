package io.github.osdatahub.oauth2.gson;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.testkit.contract.JsonCodecContract;

/** The JSON codec contract, for {@link GsonJsonCodec} over a default Gson. */
class GsonJsonCodecTest extends JsonCodecContract {
  @Override
  protected JsonCodec codec() {
    return GsonJsonCodec.create();
  }
}
