package io.github.osdatahub.oauth2.benchmarks.coldstart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The least a program does to print a token with the JDK's {@link HttpClient}, no SDK and no JSON
 * library. Run in a fresh JVM by {@link ColdStartBenchmark}.
 */
public final class BareHttpClientToken {
  private BareHttpClientToken() {}

  /**
   * @param args the token endpoint
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    String basic = Base64.getEncoder().encodeToString((System.getenv("OS_PROJECT_API_KEY") + ":"
        + System.getenv("OS_PROJECT_API_SECRET")).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(args[0]))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode());
    }
    System.out.println(AccessTokenText.of(response.body()));
  }
}
