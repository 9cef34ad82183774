package io.github.osdatahub.oauth2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.jdk.OsDataHubHttpClient;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The root README's FakeOsDataHub example, as written there (transport and JSON codec discovered). */
class ReadmeExampleTest {
  @RegisterExtension
  static FakeOsDataHubExtension hub = FakeOsDataHubExtension.create();

  @Test
  void recoversFromAnExpiredToken() throws Exception {
    try (CachingTokenProvider provider = OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri()).build()) {
      HttpClient client = OsDataHubHttpClient.create(provider, HttpClient.newHttpClient(), hub.tokenScope());
      provider.token();
      hub.expireAllTokens();                       // the API now answers 401 to the cached token
      HttpResponse<String> names = client.send(HttpRequest.newBuilder(hub.namesUri("Southampton")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, names.statusCode());       // renewed and retried once
      assertEquals(2, hub.tokenRequestCount());
    }
  }
}
