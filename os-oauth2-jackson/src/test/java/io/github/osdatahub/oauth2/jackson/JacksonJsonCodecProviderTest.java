package io.github.osdatahub.oauth2.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.osdatahub.oauth2.spi.JsonCodecProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module registers its codec for {@link ServiceLoader} discovery. */
class JacksonJsonCodecProviderTest {
  @Test
  void serviceLoaderFindsTheJacksonProvider() {
    List<JsonCodecProvider> jackson = ServiceLoader.load(JsonCodecProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(provider -> provider.name().equals("jackson"))
        .collect(Collectors.toList());

    assertEquals(1, jackson.size(), "one provider named jackson");
    assertEquals(200, jackson.get(0).priority());
    assertEquals("io.github.osdatahub.oauth2.jackson.internal.JacksonJsonCodecProvider", jackson.get(0).getClass().getName());
  }

  @Test
  void theProviderMakesAWorkingJacksonCodec() {
    JsonCodecProvider provider = ServiceLoader.load(JsonCodecProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("jackson"))
        .findFirst()
        .orElseThrow();

    JacksonJsonCodec codec = assertInstanceOf(JacksonJsonCodec.class, provider.create());
    assertEquals(Map.of("expires_in", 299L), codec.parseObject("{\"expires_in\":299}"));
  }
}
