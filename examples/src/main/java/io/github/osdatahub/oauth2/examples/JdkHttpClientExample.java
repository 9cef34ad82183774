package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.jdk.JdkHttpTransport;
import io.github.osdatahub.oauth2.jdk.OsDataHubHttpClient;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Searches OS Names through {@link OsDataHubHttpClient}, a plain {@link HttpClient} that puts the
 * token on its requests. Talks to the real {@code api.os.uk} when {@code OS_PROJECT_API_KEY} and
 * {@code OS_PROJECT_API_SECRET} are set, otherwise to an embedded {@link FakeOsDataHub}.
 *
 * <pre>
 * ./mvnw -q -pl examples exec:java -Dexec.mainClass=io.github.osdatahub.oauth2.examples.JdkHttpClientExample -Dexec.args=Southampton
 * </pre>
 */
public final class JdkHttpClientExample {
  private JdkHttpClientExample() {}

  public static void main(String[] args) throws Exception {
    String query = args.length > 0 ? String.join(" ", args) : "Southampton";
    boolean real = System.getenv(ProjectCredentials.KEY_VARIABLE) != null
        && System.getenv(ProjectCredentials.SECRET_VARIABLE) != null;
    FakeOsDataHub fake = real ? null : FakeOsDataHub.start();
    try {
      ProjectCredentials credentials = real ? ProjectCredentials.fromEnvironment() : fake.credentials();
      URI names = real
          ? URI.create("https://api.os.uk/search/names/v1/find?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
          : fake.namesUri(query);
      TokenScope scope = real ? TokenScope.defaults() : fake.tokenScope();

      OsOAuth2.Builder tokens = OsOAuth2.builder(credentials).transport(JdkHttpTransport.create());
      if (!real) {
        tokens.endpoint(fake.tokenUri());
      }
      try (CachingTokenProvider provider = tokens.build()) {
        HttpClient client = OsDataHubHttpClient.create(provider, HttpClient.newHttpClient(), scope);

        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(names).header("Accept", "application/json").build(),
            HttpResponse.BodyHandlers.ofString());

        System.out.println((real ? "api.os.uk" : "FakeOsDataHub at " + fake.baseUri()) + " answered "
            + response.statusCode());
        System.out.println(response.body());
      }
    } finally {
      if (fake != null) {
        fake.close();
      }
    }
  }
}
