package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.HttpTransportProvider;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.spi.JsonCodecProvider;
import java.util.Comparator;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import java.util.function.ToIntFunction;

/**
 * Finds a transport and a JSON codec with {@link ServiceLoader}, lazily, by priority, through the
 * SPI's own class loader (so it works inside application servers whose context loader differs).
 * With no transport module present, the transport is core's own {@link HttpUrlConnectionTransport}.
 */
final class Discovery {
  private Discovery() {}

  /**
   * @param executor the provider's executor, where the fallback transport runs its exchanges
   */
  public static HttpTransport transport(Executor executor) {
    return best(HttpTransportProvider.class, HttpTransportProvider::priority)
        .map(HttpTransportProvider::create)
        .orElseGet(() -> HttpUrlConnectionTransport.create(executor));
  }

  public static JsonCodec jsonCodec() {
    return best(JsonCodecProvider.class, JsonCodecProvider::priority)
        .orElseThrow(() -> new IllegalStateException("No JsonCodec found. Add io.github.osdatahub:os-oauth2-jackson "
            + "or os-oauth2-gson, or pass one to the builder's jsonCodec(...)."))
        .create();
  }

  private static <P> Optional<P> best(Class<P> type, ToIntFunction<P> priority) {
    return ServiceLoader.load(type, type.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get)
        .max(Comparator.comparingInt(priority));
  }
}
