package io.github.osdatahub.oauth2.jackson.internal;

import io.github.osdatahub.oauth2.jackson.JacksonJsonCodec;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.spi.JsonCodecProvider;

/** Offers {@link JacksonJsonCodec} to {@link java.util.ServiceLoader}, above Gson. */
public final class JacksonJsonCodecProvider implements JsonCodecProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public JacksonJsonCodecProvider() {}

  @Override
  public String name() {
    return "jackson";
  }

  @Override
  public int priority() {
    return 200;
  }

  @Override
  public JsonCodec create() {
    return JacksonJsonCodec.create();
  }
}
