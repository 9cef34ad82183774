package io.github.osdatahub.oauth2.benchmarks.coldstart;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The floor: the least a program does to print a token with {@link HttpURLConnection}, no SDK and
 * no JSON library (the token is cut out of the body by hand). Run in a fresh JVM by
 * {@link ColdStartBenchmark}: {@code java ... BareHttpUrlConnectionToken https://127.0.0.1:PORT/oauth2/token/v1}.
 */
public final class BareHttpUrlConnectionToken {
  private BareHttpUrlConnectionToken() {}

  /**
   * @param args the token endpoint
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    String basic = Base64.getEncoder().encodeToString((System.getenv("OS_PROJECT_API_KEY") + ":"
        + System.getenv("OS_PROJECT_API_SECRET")).getBytes(StandardCharsets.UTF_8));
    HttpURLConnection c = (HttpURLConnection) new URL(args[0]).openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Authorization", "Basic " + basic);
    c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
    c.setRequestProperty("Accept", "application/json");
    try (OutputStream out = c.getOutputStream()) {
      out.write("grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII));
    }
    if (c.getResponseCode() != 200) {
      throw new IllegalStateException("HTTP " + c.getResponseCode());
    }
    String body;
    try (InputStream in = c.getInputStream()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    System.out.println(AccessTokenText.of(body));
  }
}
