package io.github.osdatahub.oauth2.jackson3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.osdatahub.oauth2.spi.JsonCodecProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module registers its codec for {@link ServiceLoader} discovery, and with Jackson 2 and Gson
 * on the same path (as here: both are test dependencies) discovery's order is fixed: Jackson 3,
 * then Jackson 2, then Gson, with no two at the same priority.
 */
class Jackson3JsonCodecProviderTest {
  private static List<JsonCodecProvider> providers() {
    return ServiceLoader.load(JsonCodecProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toList());
  }

  @Test
  void serviceLoaderFindsTheJackson3Provider() {
    List<JsonCodecProvider> jackson3 = providers().stream()
        .filter(provider -> provider.name().equals("jackson3"))
        .collect(Collectors.toList());

    assertEquals(1, jackson3.size(), "one provider named jackson3");
    assertEquals(300, jackson3.get(0).priority());
    assertEquals("io.github.osdatahub.oauth2.jackson3.internal.Jackson3JsonCodecProvider",
        jackson3.get(0).getClass().getName());
  }

  @Test
  void discoveryOrderIsJackson3ThenJackson2ThenGson() {
    List<String> byPriority = providers().stream()
        .sorted(Comparator.comparingInt(JsonCodecProvider::priority).reversed())
        .map(provider -> provider.name() + "=" + provider.priority())
        .collect(Collectors.toList());

    assertEquals(List.of("jackson3=300", "jackson=200", "gson=100"), byPriority);
  }

  @Test
  void theProviderMakesAWorkingJackson3Codec() {
    JsonCodecProvider provider = providers().stream()
        .filter(p -> p.name().equals("jackson3"))
        .findFirst()
        .orElseThrow();

    Jackson3JsonCodec codec = assertInstanceOf(Jackson3JsonCodec.class, provider.create());
    assertEquals(Map.of("expires_in", 299L), codec.parseObject("{\"expires_in\":299}"));
  }
}
