package io.github.osdatahub.oauth2.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The four os.datahub properties, read from the running hub only when asked for. */
class SpringBootPropertiesTest {
  @RegisterExtension
  static final FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> {});

  @Test
  void theFourPropertiesPointAtTheHub() {
    Map<String, Supplier<Object>> added = new LinkedHashMap<>();
    SpringBootProperties.addTo(added::put, hub);

    assertEquals(4, added.size());
    assertEquals(hub.key(), added.get("os.datahub.key").get());
    assertEquals(hub.secret(), added.get("os.datahub.secret").get());
    assertEquals(hub.tokenUri().toString(), added.get("os.datahub.token-url").get());
    assertEquals(hub.host() + ":" + hub.get().port(), added.get("os.datahub.scope").get());
  }

  @Test
  void valuesAreReadWhenAskedForNotWhenAdded() {
    FakeOsDataHub[] later = new FakeOsDataHub[1];
    Map<String, Supplier<Object>> added = new LinkedHashMap<>();
    SpringBootProperties.addTo(added::put, () -> later[0]);

    later[0] = hub.get(); // the hub "starts" after the properties were registered
    assertEquals(hub.key(), added.get("os.datahub.key").get());
  }
}
