package io.github.osdatahub.oauth2.okhttp;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.testkit.contract.HttpTransportContract;
import okhttp3.OkHttpClient;

/**
 * The OkHttp transport on an application's client with OkHttp's defaults (redirects followed,
 * retry on connection failure), against the same contract: the copy must still be a dumb pipe.
 */
class OkHttpTransportOnUsersClientTest extends HttpTransportContract {
  private static final OkHttpClient APPLICATION_CLIENT = new OkHttpClient();

  @Override
  protected HttpTransport transport() {
    return OkHttpTransport.create(APPLICATION_CLIENT);
  }
}
