package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.springboot.OsDataHubClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Searches OS Names through a Spring {@code RestClient} with {@link OsDataHubClientHttpRequestInterceptor},
 * as os-oauth2-spring-boot installs it on Boot's {@code RestClient.Builder} (in a Boot application you only set
 * {@code os.datahub.key} and {@code os.datahub.secret} and inject the builder). Talks to the real
 * {@code api.os.uk} when {@code OS_PROJECT_API_KEY} and {@code OS_PROJECT_API_SECRET} are set, otherwise to an
 * embedded {@code FakeOsDataHub} (see {@link ExampleTarget}).
 *
 * <pre>
 * ./mvnw -q -pl examples exec:java -Dexec.mainClass=io.github.osdatahub.oauth2.examples.SpringRestClientExample -Dexec.args=Southampton
 * </pre>
 */
public final class SpringRestClientExample {
  private SpringRestClientExample() {}

  public static void main(String[] args) {
    String query = args.length > 0 ? String.join(" ", args) : "Southampton";
    try (ExampleTarget target = ExampleTarget.fromEnvironment();
         CachingTokenProvider provider = OsOAuth2.builder(target.credentials())
             .endpoint(target.tokenEndpoint())
             .build()) {
      RestClient client = RestClient.builder()
          .requestFactory(new JdkClientHttpRequestFactory()) // follows no redirects: the interceptor does
          .requestInterceptor(OsDataHubClientHttpRequestInterceptor.create(provider, target.scope()))
          .build();

      String names = client.get().uri(target.namesUri(query)).header("Accept", "application/json")
          .retrieve().body(String.class);

      System.out.println("Names: " + names);
    }
  }
}
