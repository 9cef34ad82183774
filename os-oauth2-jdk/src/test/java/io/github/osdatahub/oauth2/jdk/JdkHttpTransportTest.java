package io.github.osdatahub.oauth2.jdk;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.testkit.contract.HttpTransportContract;

/** The JDK transport, on its default client, against the shared transport contract. */
class JdkHttpTransportTest extends HttpTransportContract {
  @Override
  protected HttpTransport transport() {
    return JdkHttpTransport.create();
  }
}
