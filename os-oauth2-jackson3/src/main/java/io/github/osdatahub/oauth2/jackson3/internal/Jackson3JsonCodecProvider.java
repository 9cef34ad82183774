package io.github.osdatahub.oauth2.jackson3.internal;

import io.github.osdatahub.oauth2.jackson3.Jackson3JsonCodec;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.spi.JsonCodecProvider;

/**
 * Offers {@link Jackson3JsonCodec} to {@link java.util.ServiceLoader}, above Jackson 2 (200) and
 * Gson (100): an application that has Jackson 3 on its path (Spring Boot 4 does) gets the codec
 * of the library it chose last.
 */
public final class Jackson3JsonCodecProvider implements JsonCodecProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public Jackson3JsonCodecProvider() {}

  @Override
  public String name() {
    return "jackson3";
  }

  @Override
  public int priority() {
    return 300;
  }

  @Override
  public JsonCodec create() {
    return Jackson3JsonCodec.create();
  }
}
