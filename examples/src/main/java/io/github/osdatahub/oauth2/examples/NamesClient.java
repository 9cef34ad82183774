package io.github.osdatahub.oauth2.examples;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A client for OS Names as a user of the SDK would write one: it knows its API and nothing of
 * tokens. Given an {@code OsDataHubHttpClient}, every request carries the bearer token, and a 401 for
 * an expired token is refreshed and retried once by the SDK. {@code NamesClientTest} runs it against
 * WireMock with the testkit's {@code OsDataHubStubs}.
 *
 * <pre>{@code
 * HttpClient http = OsDataHubHttpClient.create(provider, HttpClient.newHttpClient(), TokenScope.defaults());
 * String json = new NamesClient(http, URI.create("https://api.os.uk")).find("Southampton");
 * }</pre>
 */
public final class NamesClient {
  private final HttpClient http;
  private final URI apiBase;

  public NamesClient(HttpClient http, URI apiBase) {
    this.http = http;
    this.apiBase = apiBase;
  }

  /**
   * {@code GET /search/names/v1/find?query=...}.
   *
   * @param query the place name to look for
   * @return the answer's JSON
   * @throws NamesApiException when the API answers other than 200
   * @throws IOException when no answer came
   * @throws InterruptedException when interrupted while waiting
   */
  public String find(String query) throws IOException, InterruptedException {
    URI uri = apiBase.resolve("/search/names/v1/find?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new NamesApiException(response.statusCode(), response.headers().firstValue("Retry-After"));
    }
    return response.body();
  }

  /** The Names API answered with an error status. */
  public static final class NamesApiException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String retryAfter;

    NamesApiException(int status, Optional<String> retryAfter) {
      super("OS Names answered HTTP " + status + retryAfter.map(s -> ", Retry-After " + s).orElse(""));
      this.status = status;
      this.retryAfter = retryAfter.orElse(null);
    }

    public int status() {
      return status;
    }

    /** {@return the {@code Retry-After} header as sent (OS sends whole seconds on a 429)} */
    public Optional<String> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }
  }
}
