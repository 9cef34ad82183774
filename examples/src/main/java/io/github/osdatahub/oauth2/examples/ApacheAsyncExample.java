package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.apache.ApacheHttpTransport;
import io.github.osdatahub.oauth2.apache.OsDataHubExecChain;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;

/**
 * Apache HttpClient 5, async: a Names search with the token added (and renewed) by the async
 * exec-chain handler, which never blocks the I/O reactor waiting for a token. Runs against
 * api.os.uk when OS_PROJECT_API_KEY and OS_PROJECT_API_SECRET are set, otherwise against an
 * embedded FakeOsDataHub (see {@link ExampleTarget}).
 */
public final class ApacheAsyncExample {
  private ApacheAsyncExample() {}

  public static void main(String[] args) throws Exception {
    try (ExampleTarget target = ExampleTarget.fromEnvironment()) {
      ProjectCredentials credentials = target.credentials();
      URI tokenEndpoint = target.tokenEndpoint();
      TokenScope scope = target.scope();
      URI names = target.namesUri("Southampton");

      try (ApacheHttpTransport transport = ApacheHttpTransport.create(); // the SDK's own clients for tokens
           CachingTokenProvider tokens = OsOAuth2.builder(credentials)
               .endpoint(tokenEndpoint)
               .transport(transport)
               .build();
           CloseableHttpAsyncClient client = OsDataHubExecChain.installOn(HttpAsyncClients.custom(), tokens, scope)
               .build()) {
        client.start();
        SimpleHttpResponse answer = client.execute(SimpleRequestBuilder.get(names).build(), null)
            .get(30, TimeUnit.SECONDS);
        System.out.println("Names: " + answer.getCode() + " " + answer.getBodyText());
      }
    }
  }
}
