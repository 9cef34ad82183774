package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.apache.ApacheHttpTransport;
import io.github.osdatahub.oauth2.apache.OsDataHubExecChain;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Apache HttpClient 5, classic: a Names search with the token added (and renewed) by the exec-chain
 * handler. Runs against api.os.uk when OS_PROJECT_API_KEY and OS_PROJECT_API_SECRET are set,
 * otherwise against an embedded FakeOsDataHub (see {@link ExampleTarget}).
 */
public final class ApacheClassicExample {
  private ApacheClassicExample() {}

  public static void main(String[] args) throws Exception {
    try (ExampleTarget target = ExampleTarget.fromEnvironment()) {
      ProjectCredentials credentials = target.credentials();
      URI tokenEndpoint = target.tokenEndpoint();
      TokenScope scope = target.scope();
      URI names = target.namesUri("Southampton");

      try (CloseableHttpClient plain = HttpClients.createDefault(); // your client; token requests use it too
           CachingTokenProvider tokens = OsOAuth2.builder(credentials)
               .endpoint(tokenEndpoint)
               .transport(ApacheHttpTransport.create(plain))
               .build();
           CloseableHttpClient client = OsDataHubExecChain.installOn(HttpClients.custom(), tokens, scope).build()) {
        String answer = client.execute(new HttpGet(names),
            response -> response.getCode() + " " + EntityUtils.toString(response.getEntity()));
        System.out.println("Names: " + answer);
      }
    }
  }
}
