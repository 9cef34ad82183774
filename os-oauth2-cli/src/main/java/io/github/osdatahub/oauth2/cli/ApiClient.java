package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.jdk.JdkHttpTransport;
import io.github.osdatahub.oauth2.jdk.OsDataHubHttpClient;
import java.net.http.HttpClient;

/** The client commands call APIs with; apart from {@link Configuration} so that only they load {@code java.net.http}. */
final class ApiClient {
  private ApiClient() {}

  /** See {@link Configuration#apiClient}. */
  static HttpClient create(TokenProvider provider, TokenScope scope) {
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(JdkHttpTransport.DEFAULT_CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    return OsDataHubHttpClient.create(provider, client, scope);
  }
}
