package io.github.osdatahub.oauth2.jdk;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.testkit.contract.HttpTransportContract;
import java.net.http.HttpClient;

/**
 * The JDK transport on an application's client with the JDK's defaults (HTTP/2 preferred, so an
 * h2c upgrade is offered on plain http; no connect timeout; the JDK's own executor), shared by
 * every case as an application would share it, against the same contract.
 */
class JdkHttpTransportOnUsersClientTest extends HttpTransportContract {
  private static final HttpClient APPLICATION_CLIENT = HttpClient.newHttpClient();

  @Override
  protected HttpTransport transport() {
    return JdkHttpTransport.create(APPLICATION_CLIENT);
  }
}
