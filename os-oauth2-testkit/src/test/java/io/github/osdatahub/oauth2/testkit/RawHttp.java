package io.github.osdatahub.oauth2.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hand-built requests on the JDK HttpClient: a client that is not ours, so the fake is judged on the wire. */
final class RawHttp {
  static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade headers in the recorded requests
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  static final String FORM = "application/x-www-form-urlencoded";
  static final String GRANT = "grant_type=client_credentials";
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([A-Za-z0-9]+)\"");

  private RawHttp() {}

  static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** The request {@code curl -u key:secret -d grant_type=client_credentials} makes. */
  static HttpRequest.Builder tokenRequest(FakeOsDataHub hub) {
    return HttpRequest.newBuilder(hub.tokenUri())
        .header("Authorization", basic(hub.key(), hub.secret()))
        .header("Content-Type", FORM)
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(GRANT));
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    return send(request.build());
  }

  /** GET with header name/value pairs. */
  static HttpResponse<String> get(URI uri, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  static HttpResponse<String> getWithToken(URI uri, String token) {
    return get(uri, "Authorization", "Bearer " + token);
  }

  /** A fresh token from the hub, asserted to be a 200. */
  static String fetchToken(FakeOsDataHub hub) {
    HttpResponse<String> response = send(tokenRequest(hub));
    if (response.statusCode() != 200) {
      throw new AssertionError("token request answered " + response.statusCode() + ": " + response.body());
    }
    return accessToken(response.body());
  }

  static String accessToken(String body) {
    Matcher m = ACCESS_TOKEN.matcher(body);
    if (!m.find()) {
      throw new AssertionError("no access_token in " + body);
    }
    return m.group(1);
  }
}
