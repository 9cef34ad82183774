package io.github.osdatahub.oauth2.jdk;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.testkit.contract.AuthorizingClientContract;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

/** The authorizing-client contract on {@link OsDataHubHttpClient#send}, over a client that follows redirects. */
class OsDataHubHttpClientSendContractTest extends AuthorizingClientContract {
  @Override
  protected Client client(TokenProvider provider, TokenScope scope) {
    HttpClient client = OsDataHubHttpClient.create(provider,
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(), scope);
    return (uri, headers) -> {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri);
      headers.forEach(request::header);
      return client.send(request.build(), BodyHandlers.discarding()).statusCode();
    };
  }
}
