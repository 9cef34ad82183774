package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.okhttp.OkHttpTransport;
import io.github.osdatahub.oauth2.okhttp.OsDataHubInterceptor;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OS Names through OkHttp with a token that renews itself. Calls api.os.uk when
 * {@code OS_PROJECT_API_KEY} and {@code OS_PROJECT_API_SECRET} are set, else an embedded
 * {@code FakeOsDataHub} (see {@link ExampleTarget}).
 *
 * <pre>
 * ./mvnw -B -q -pl examples exec:java -Dexec.mainClass=io.github.osdatahub.oauth2.examples.OkHttpExample
 * </pre>
 */
public final class OkHttpExample {
  private OkHttpExample() {}

  public static void main(String[] args) throws IOException {
    OkHttpClient base = new OkHttpClient();
    // Token requests go through a copy of the same client: one connection pool, one proxy setup.
    try (ExampleTarget target = ExampleTarget.fromEnvironment();
         CachingTokenProvider provider = OsOAuth2.builder(target.credentials())
             .endpoint(target.tokenEndpoint())
             .transport(OkHttpTransport.create(base))
             .build()) {
      OkHttpClient client = OsDataHubInterceptor.installOn(base.newBuilder(), provider, target.scope()).build();

      Request names = new Request.Builder().url(target.namesUri("Southampton").toString()).build();
      try (Response response = client.newCall(names).execute()) {
        System.out.println("HTTP " + response.code());
        System.out.println(response.body().string());
      }
      System.out.println(provider.stats());
    } finally {
      base.connectionPool().evictAll();
    }
  }
}
