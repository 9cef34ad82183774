package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.testkit.contract.AuthorizingClientContract;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The authorizing-client contract on the classic client with {@link OsDataHubExecChain}, redirects
 * on (Apache's default). Apache's own automatic retries are off: its default strategy sends a 429
 * again by itself, which is Apache's choice, not this SDK's. The pool allows the contract's hundred
 * concurrent requests (Apache's default is five per route).
 */
class OsDataHubExecChainClassicContractTest extends AuthorizingClientContract {
  @Override
  protected Client client(TokenProvider provider, TokenScope scope) {
    CloseableHttpClient client = OsDataHubExecChain.installOn(HttpClients.custom()
        .disableAutomaticRetries()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(200).setMaxConnTotal(400).build()), provider, scope).build();
    return new Client() {
      @Override
      public int get(URI uri, Map<String, String> headers) throws Exception {
        HttpGet request = new HttpGet(uri);
        headers.forEach(request::setHeader);
        return client.execute(request, response -> {
          EntityUtils.consume(response.getEntity());
          return response.getCode();
        });
      }

      @Override
      public void close() throws IOException {
        client.close();
      }
    };
  }
}
