package io.github.osdatahub.oauth2.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The callbacks in order, driven by hand: who starts the hub, who closes it, what a misuse says. */
class FakeOsDataHubExtensionLifecycleTest {
  /** An ExtensionContext that knows only its unique id; the extension asks nothing else. */
  private static ExtensionContext context(String uniqueId) {
    return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
        new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("getUniqueId")) {
            return uniqueId;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void theClassThatStartedTheHubClosesItAndNestedClassesDoNot() {
    FakeOsDataHubExtension extension = FakeOsDataHubExtension.with(FakeOsDataHub.builder().credentials("k", "s"));
    ExtensionContext outer = context("[class:Outer]");
    ExtensionContext nested = context("[class:Outer]/[nested-class:Inner]");

    extension.beforeAll(outer);
    FakeOsDataHub hub = extension.get();
    extension.beforeAll(nested);
    extension.beforeEach(nested);
    extension.afterAll(nested);

    assertThat(extension.get()).isSameAs(hub);
    assertThat(hub.key()).isEqualTo("k");
    assertThat(RawHttp.fetchToken(hub)).hasSize(28);

    extension.afterAll(outer);

    assertThatThrownBy(() -> RawHttp.send(RawHttp.tokenRequest(hub)))
        .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
    assertThatThrownBy(extension::get).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("static field");
    assertThat(extension.toString()).contains("not running");
  }

  @Test
  void aNonStaticRegistrationFailsWithAClearMessage() {
    FakeOsDataHubExtension extension = FakeOsDataHubExtension.create();

    // A non-static @RegisterExtension field gets beforeEach without beforeAll.
    assertThatThrownBy(() -> extension.beforeEach(context("[method:m()]")))
        .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("static field");
  }
}
