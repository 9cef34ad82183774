package io.github.osdatahub.oauth2.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.spi.HttpTransportProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The registration discovery relies on. */
class OkHttpTransportProviderTest {
  @Test
  void serviceLoaderFindsTheOkHttpTransport() {
    HttpTransportProvider found = ServiceLoader.load(HttpTransportProvider.class, HttpTransportProvider.class.getClassLoader())
        .stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("okhttp"))
        .findFirst()
        .orElseThrow();

    assertThat(found.priority()).isEqualTo(300);
    assertThat(found.create()).isInstanceOf(OkHttpTransport.class);
  }
}
