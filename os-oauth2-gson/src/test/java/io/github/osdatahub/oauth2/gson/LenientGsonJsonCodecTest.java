package io.github.osdatahub.oauth2.gson;

import com.google.gson.GsonBuilder;
import com.google.gson.Strictness;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.testkit.contract.JsonCodecContract;

/** The whole contract still holds over a user's Gson that is set to be lenient. */
class LenientGsonJsonCodecTest extends JsonCodecContract {
  @Override
  protected JsonCodec codec() {
    return GsonJsonCodec.create(new GsonBuilder().setStrictness(Strictness.LENIENT).serializeNulls().create());
  }
}
