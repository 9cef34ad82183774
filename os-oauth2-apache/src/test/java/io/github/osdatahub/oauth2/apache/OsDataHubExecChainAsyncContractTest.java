package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.testkit.contract.AuthorizingClientContract;
import java.net.URI;
import java.util.Map;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;

/**
 * The authorizing-client contract on the async client with {@link OsDataHubExecChain}, redirects
 * on (Apache's default). As for the classic client, Apache's own automatic retries are off and the
 * pool allows a hundred concurrent requests.
 */
class OsDataHubExecChainAsyncContractTest extends AuthorizingClientContract {
  @Override
  protected Client client(TokenProvider provider, TokenScope scope) {
    CloseableHttpAsyncClient client = OsDataHubExecChain.installOn(HttpAsyncClients.custom()
        .disableAutomaticRetries()
        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(200).setMaxConnTotal(400).build()), provider, scope).build();
    client.start();
    return new Client() {
      @Override
      public int get(URI uri, Map<String, String> headers) throws Exception {
        SimpleRequestBuilder request = SimpleRequestBuilder.get(uri);
        headers.forEach(request::setHeader);
        return await(client.execute(request.build(), null)).getCode();
      }

      @Override
      public void close() {
        client.close(CloseMode.IMMEDIATE);
      }
    };
  }
}
