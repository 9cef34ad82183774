package io.github.osdatahub.oauth2.okhttp;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.testkit.contract.AuthorizingClientContract;
import java.net.URI;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The authorizing-client contract on a client set up by {@link OsDataHubInterceptor#installOn}, redirects on (OkHttp's default). */
class OsDataHubInterceptorContractTest extends AuthorizingClientContract {
  @Override
  protected Client client(TokenProvider provider, TokenScope scope) {
    OkHttpClient client = OsDataHubInterceptor.installOn(new OkHttpClient.Builder(), provider, scope).build();
    return new Client() {
      @Override
      public int get(URI uri, Map<String, String> headers) throws Exception {
        Request.Builder request = new Request.Builder().url(uri.toString());
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
          return response.code();
        }
      }

      @Override
      public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    };
  }
}
