package io.github.osdatahub.oauth2.gson.internal;

import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.spi.JsonCodecProvider;

/** Offers {@link GsonJsonCodec} to {@link java.util.ServiceLoader}, below Jackson. */
public final class GsonJsonCodecProvider implements JsonCodecProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public GsonJsonCodecProvider() {}

  @Override
  public String name() {
    return "gson";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public JsonCodec create() {
    return GsonJsonCodec.create();
  }
}
