package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.HttpTransportProvider;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.spi.JsonCodecProvider;
import java.util.Comparator;
import java.util.ServiceLoader;
import java.util.function.ToIntFunction;

/**
 * Finds a transport and a JSON codec with {@link ServiceLoader}, lazily, by priority, through the
 * SPI's own class loader (so it works inside application servers whose context loader differs).
 */
final class Discovery {
  private Discovery() {}

  public static HttpTransport transport() {
    return best(HttpTransportProvider.class, HttpTransportProvider::priority,
        "No HttpTransport found. Add one of io.github.osdatahub:os-oauth2-jdk, os-oauth2-okhttp or "
            + "os-oauth2-apache, or pass one to the builder's transport(...).").create();
  }

  public static JsonCodec jsonCodec() {
    return best(JsonCodecProvider.class, JsonCodecProvider::priority,
        "No JsonCodec found. Add io.github.osdatahub:os-oauth2-jackson or os-oauth2-gson, "
            + "or pass one to the builder's jsonCodec(...).").create();
  }

  private static <P> P best(Class<P> type, ToIntFunction<P> priority, String missing) {
    return ServiceLoader.load(type, type.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get)
        .max(Comparator.comparingInt(priority))
        .orElseThrow(() -> new IllegalStateException(missing));
  }
}
