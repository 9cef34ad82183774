package io.github.osdatahub.oauth2.okhttp;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.testkit.contract.HttpTransportContract;

/** The OkHttp transport, on its default client, against the shared transport contract. */
class OkHttpTransportTest extends HttpTransportContract {
  @Override
  protected HttpTransport transport() {
    return OkHttpTransport.create();
  }
}
