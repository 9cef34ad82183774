package io.github.osdatahub.oauth2.okhttp;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.testkit.contract.WireMockFaultContract;

/** The OkHttp transport, on its default client, against WireMock's faults (on OkHttp 5 and 4.12). */
class OkHttpTransportWireMockTest extends WireMockFaultContract {
  @Override
  protected HttpTransport transport() {
    return OkHttpTransport.create();
  }
}
