package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.testkit.contract.WireMockFaultContract;

/**
 * The default transport against WireMock's faults: its classic client for {@code token()}, its async
 * client for {@code tokenAsync()} (on the current httpclient5 and the oldest supported).
 */
class ApacheHttpTransportWireMockTest extends WireMockFaultContract {
  @Override
  protected HttpTransport transport() {
    return ApacheHttpTransport.create();
  }
}
