package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.jdk.JdkHttpTransport;
import io.github.osdatahub.oauth2.jdk.OsDataHubHttpClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Searches OS Names through {@link OsDataHubHttpClient}, a plain {@link HttpClient} that puts the
 * token on its requests. Talks to the real {@code api.os.uk} when {@code OS_PROJECT_API_KEY} and
 * {@code OS_PROJECT_API_SECRET} are set, otherwise to an embedded {@code FakeOsDataHub} (see {@link ExampleTarget}).
 *
 * <pre>
 * ./mvnw -q -pl examples exec:java -Dexec.mainClass=io.github.osdatahub.oauth2.examples.JdkHttpClientExample -Dexec.args=Southampton
 * </pre>
 */
public final class JdkHttpClientExample {
  private JdkHttpClientExample() {}

  public static void main(String[] args) throws Exception {
    String query = args.length > 0 ? String.join(" ", args) : "Southampton";
    try (ExampleTarget target = ExampleTarget.fromEnvironment();
         CachingTokenProvider provider = OsOAuth2.builder(target.credentials())
             .endpoint(target.tokenEndpoint())
             .transport(JdkHttpTransport.create())
             .build()) {
      HttpClient client = OsDataHubHttpClient.create(provider, HttpClient.newHttpClient(), target.scope());

      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(target.namesUri(query)).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());

      System.out.println("Names: " + response.statusCode());
      System.out.println(response.body());
    }
  }
}
