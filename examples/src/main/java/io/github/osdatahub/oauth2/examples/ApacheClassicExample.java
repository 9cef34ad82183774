package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.apache.ApacheHttpTransport;
import io.github.osdatahub.oauth2.apache.OsDataHubExecChain;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Apache HttpClient 5, classic: a Names search with the token added (and renewed) by the exec-chain
 * handler. Runs against api.os.uk when OS_PROJECT_API_KEY and OS_PROJECT_API_SECRET are set,
 * otherwise against an embedded FakeOsDataHub.
 */
public final class ApacheClassicExample {
  private ApacheClassicExample() {}

  public static void main(String[] args) throws Exception {
    boolean live = System.getenv("OS_PROJECT_API_KEY") != null && System.getenv("OS_PROJECT_API_SECRET") != null;
    try (FakeOsDataHub fake = live ? null : FakeOsDataHub.start()) {
      ProjectCredentials credentials = live ? ProjectCredentials.fromEnvironment() : fake.credentials();
      URI tokenEndpoint = live ? TokenRequest.DEFAULT_ENDPOINT : fake.tokenUri();
      TokenScope scope = live ? TokenScope.defaults() : fake.tokenScope();
      URI names = live
          ? URI.create("https://api.os.uk/search/names/v1/find?query=Southampton&maxresults=1")
          : fake.namesUri("Southampton");

      try (CloseableHttpClient plain = HttpClients.createDefault(); // your client; token requests use it too
           CachingTokenProvider tokens = OsOAuth2.builder(credentials)
               .endpoint(tokenEndpoint)
               .transport(ApacheHttpTransport.create(plain))
               .build();
           CloseableHttpClient client = OsDataHubExecChain.addTo(HttpClients.custom(), tokens, scope).build()) {
        String answer = client.execute(new HttpGet(names),
            response -> response.getCode() + " " + EntityUtils.toString(response.getEntity()));
        System.out.println((live ? "api.os.uk" : "FakeOsDataHub") + " Names: " + answer);
      }
    }
  }
}
