package io.github.osdatahub.oauth2.gson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.osdatahub.oauth2.spi.JsonCodecProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module registers its codec for {@link ServiceLoader} discovery. */
class GsonJsonCodecProviderTest {
  @Test
  void serviceLoaderFindsTheGsonProvider() {
    List<JsonCodecProvider> gson = ServiceLoader.load(JsonCodecProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(provider -> provider.name().equals("gson"))
        .collect(Collectors.toList());

    assertEquals(1, gson.size(), "one provider named gson");
    assertEquals(100, gson.get(0).priority());
    assertEquals("io.github.osdatahub.oauth2.gson.internal.GsonJsonCodecProvider", gson.get(0).getClass().getName());
  }

  @Test
  void theProviderMakesAWorkingGsonCodec() {
    JsonCodecProvider provider = ServiceLoader.load(JsonCodecProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("gson"))
        .findFirst()
        .orElseThrow();

    GsonJsonCodec codec = assertInstanceOf(GsonJsonCodec.class, provider.create());
    assertEquals(Map.of("expires_in", 299L), codec.parseObject("{\"expires_in\":299}"));
  }
}
