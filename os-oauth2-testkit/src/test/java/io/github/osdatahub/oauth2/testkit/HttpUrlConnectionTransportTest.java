package io.github.osdatahub.oauth2.testkit;

import io.github.osdatahub.oauth2.HttpUrlConnectionTransport;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.testkit.contract.HttpTransportContract;

/** Core's own transport, over HttpURLConnection, against the shared transport contract. */
class HttpUrlConnectionTransportTest extends HttpTransportContract {
  @Override
  protected HttpTransport transport() {
    return HttpUrlConnectionTransport.create();
  }
}
