package io.github.osdatahub.oauth2.apache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.HttpTransportProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApacheHttpTransportProviderTest {
  @Test
  void discoveryFindsTheApacheTransportAtPriority200() throws Exception {
    List<HttpTransportProvider> found = ServiceLoader.load(HttpTransportProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("apache")).collect(Collectors.toList());

    assertThat(found).hasSize(1);
    assertThat(found.get(0).priority()).isEqualTo(200);
    HttpTransport transport = found.get(0).create();
    assertThat(transport).isInstanceOf(ApacheHttpTransport.class);
    ((ApacheHttpTransport) transport).close();
  }
}
