package io.github.osdatahub.oauth2.testkit;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Points os-oauth2-spring-boot at a {@link FakeOsDataHub} from a {@code @SpringBootTest}, in one
 * {@code @DynamicPropertySource} line, with no Spring type here (the testkit does not depend on Spring):
 * the properties' values are read when Spring asks for them, after the extension has started the hub.
 *
 * <pre>{@code
 * @SpringBootTest
 * class PlaceSearchTest {
 *   @RegisterExtension
 *   static FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> {});
 *
 *   @DynamicPropertySource
 *   static void os(DynamicPropertyRegistry registry) {
 *     SpringBootProperties.addTo(registry::add, hub);
 *   }
 * }
 * }</pre>
 *
 * <p>It sets {@code os.datahub.key}, {@code os.datahub.secret}, {@code os.datahub.token-url} (the hub's
 * token endpoint) and {@code os.datahub.scope} (the hub's {@code host:port}, so requests to its APIs get
 * the token). Point your clients' base URLs at {@link FakeOsDataHub#baseUri()}.
 */
public final class SpringBootProperties {
  private SpringBootProperties() {}

  /**
   * Adds the properties for the hub an extension holds.
   *
   * @param registry {@code registry::add} of Spring's {@code DynamicPropertyRegistry}
   * @param hub the extension holding the hub; read when each property is
   */
  public static void addTo(BiConsumer<String, Supplier<Object>> registry, FakeOsDataHubExtension hub) {
    Objects.requireNonNull(hub, "hub");
    addTo(registry, hub::get);
  }

  /**
   * Adds the properties for a running hub.
   *
   * @param registry {@code registry::add} of Spring's {@code DynamicPropertyRegistry}
   * @param hub the running hub, supplied when each property is read
   */
  public static void addTo(BiConsumer<String, Supplier<Object>> registry, Supplier<FakeOsDataHub> hub) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(hub, "hub");
    registry.accept("os.datahub.key", () -> hub.get().key());
    registry.accept("os.datahub.secret", () -> hub.get().secret());
    registry.accept("os.datahub.token-url", () -> hub.get().tokenUri().toString());
    registry.accept("os.datahub.scope", () -> hub.get().host() + ":" + hub.get().port());
  }
}
