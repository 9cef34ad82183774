package io.github.osdatahub.oauth2.jdk;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.testkit.contract.AuthorizingClientContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;

/** The authorizing-client contract on {@link OsDataHubHttpClient#sendAsync}, over a client that follows redirects. */
class OsDataHubHttpClientSendAsyncContractTest extends AuthorizingClientContract {
  @Override
  protected Client client(TokenProvider provider, TokenScope scope) {
    OsDataHubHttpClient client = OsDataHubHttpClient.create(provider,
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(), scope);
    return new Client() {
      @Override
      public int get(URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        headers.forEach(request::header);
        return await(client.sendAsync(request.build(), BodyHandlers.discarding())).statusCode();
      }

      @Override
      public void close() {
        client.shutdownNow(); // JDK 21 and later; nothing on 17
      }
    };
  }
}
