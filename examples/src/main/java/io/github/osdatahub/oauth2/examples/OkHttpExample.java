package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.okhttp.OkHttpTransport;
import io.github.osdatahub.oauth2.okhttp.OsDataHubInterceptor;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.io.IOException;
import java.net.URI;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OS Names through OkHttp with a token that renews itself. Calls api.os.uk when
 * {@code OS_PROJECT_API_KEY} and {@code OS_PROJECT_API_SECRET} are set, else an embedded
 * {@link FakeOsDataHub}.
 *
 * <pre>
 * ./mvnw -B -q -pl examples exec:java -Dexec.mainClass=io.github.osdatahub.oauth2.examples.OkHttpExample
 * </pre>
 */
public final class OkHttpExample {
  private OkHttpExample() {}

  public static void main(String[] args) throws IOException {
    if (System.getenv("OS_PROJECT_API_KEY") != null && System.getenv("OS_PROJECT_API_SECRET") != null) {
      findPlace(ProjectCredentials.fromEnvironment(), TokenRequest.DEFAULT_ENDPOINT, TokenScope.defaults(),
          URI.create("https://api.os.uk/search/names/v1/find?query=Southampton&maxresults=1"));
    } else {
      System.out.println("OS_PROJECT_API_KEY/OS_PROJECT_API_SECRET not set: using an embedded FakeOsDataHub");
      try (FakeOsDataHub hub = FakeOsDataHub.start()) {
        findPlace(hub.credentials(), hub.tokenUri(), hub.tokenScope(), hub.namesUri("Southampton"));
      }
    }
  }

  static void findPlace(ProjectCredentials credentials, URI tokenEndpoint, TokenScope scope, URI names)
      throws IOException {
    OkHttpClient base = new OkHttpClient();
    // Token requests go through a copy of the same client: one connection pool, one proxy setup.
    try (CachingTokenProvider provider = OsOAuth2.builder(credentials)
        .endpoint(tokenEndpoint)
        .transport(OkHttpTransport.create(base))
        .build()) {
      OkHttpClient client = OsDataHubInterceptor.installOn(base.newBuilder(), provider, scope).build();

      try (Response response = client.newCall(new Request.Builder().url(names.toString()).build()).execute()) {
        System.out.println("HTTP " + response.code());
        System.out.println(response.body().string());
      }
      System.out.println(provider.stats());
    } finally {
      base.connectionPool().evictAll();
    }
  }
}
