package io.github.osdatahub.oauth2.jdk;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.testkit.contract.WireMockFaultContract;

/** The JDK transport, on its default client, against WireMock's faults. */
class JdkHttpTransportWireMockTest extends WireMockFaultContract {
  @Override
  protected HttpTransport transport() {
    return JdkHttpTransport.create();
  }
}
