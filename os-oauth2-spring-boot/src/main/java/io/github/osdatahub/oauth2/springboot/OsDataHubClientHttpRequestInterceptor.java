package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenAuthorizer;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

/**
 * Puts {@code Authorization: Bearer} on {@code RestClient} and {@code RestTemplate} requests to the
 * hosts a {@link TokenScope} permits, and follows core's one 401 rule ({@link TokenAuthorizer}): after
 * a 401 to a request that carried token {@code T}, {@code T} is invalidated and the request sent
 * once more, only if the provider now has another token.
 *
 * <p>It follows redirects itself, hop by hop, so that each hop gets a token only if the scope permits
 * it (never another host or port, never the token path); the request factory should not follow them
 * (the JDK's {@code HttpClient.newHttpClient()}, the default of {@code RestClient.create()}, does not).
 * A request with the caller's own {@code Authorization} is sent as it is. It runs last among
 * interceptors ({@link Ordered#LOWEST_PRECEDENCE}), so others see the request once.
 *
 * <pre>{@code
 * RestClient client = RestClient.builder()
 *     .requestInterceptor(OsDataHubClientHttpRequestInterceptor.create(provider, TokenScope.defaults()))
 *     .build();
 * }</pre>
 */
public final class OsDataHubClientHttpRequestInterceptor implements ClientHttpRequestInterceptor, Ordered {
  private final TokenAuthorizer authorizer;

  private OsDataHubClientHttpRequestInterceptor(TokenAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /**
   * @param provider where tokens come from
   * @param scope where they may go
   * @return the interceptor
   */
  public static OsDataHubClientHttpRequestInterceptor create(TokenProvider provider, TokenScope scope) {
    return new OsDataHubClientHttpRequestInterceptor(TokenAuthorizer.create(provider, scope));
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
      return execution.execute(request, body); // the caller's own: not ours to replace or retry
    }
    URI uri = request.getURI();
    HttpMethod method = request.getMethod();
    byte[] payload = body;
    boolean retried = false;
    AccessToken retryWith = null;
    for (int hop = 0; ; hop++) {
      AccessToken sent = retryWith != null ? retryWith : authorizer.permits(uri) ? authorizer.token() : null;
      retryWith = null;
      ClientHttpResponse response = execution.execute(hopOf(request, method, uri, sent), payload);
      int status = response.getStatusCode().value();
      if (status == 401 && sent != null && !retried) {
        AccessToken fresh = authorizer.tokenForRetry(sent);
        if (fresh == null) {
          return response; // the provider has no other token: the caller gets the 401
        }
        response.close();
        retried = true;
        retryWith = fresh;
        hop--; // the same hop again, with the fresh token
        continue;
      }
      URI target = Redirects.target(uri, status, response.getHeaders().getFirst(HttpHeaders.LOCATION));
      if (target == null || hop >= Redirects.MAX_HOPS) {
        return response;
      }
      response.close();
      HttpMethod next = Redirects.nextMethod(status, method);
      if (next != method) {
        payload = new byte[0];
      }
      method = next;
      uri = target;
    }
  }

  /** The request for one hop: the caller's headers, minus a body's when the method changed, plus the token. */
  private static HttpRequest hopOf(HttpRequest original, HttpMethod method, URI uri, AccessToken token) {
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(original.getHeaders());
    if (method != original.getMethod()) {
      headers.remove(HttpHeaders.CONTENT_TYPE);
      headers.remove(HttpHeaders.CONTENT_LENGTH);
    }
    if (token != null) {
      headers.set(HttpHeaders.AUTHORIZATION, token.authorizationHeader());
    }
    return new HttpRequestWrapper(original) {
      @Override
      public HttpMethod getMethod() {
        return method;
      }

      @Override
      public URI getURI() {
        return uri;
      }

      @Override
      public HttpHeaders getHeaders() {
        return headers;
      }
    };
  }

  /** {@return {@link Ordered#LOWEST_PRECEDENCE}: the last interceptor, next to the wire} */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public String toString() {
    return "OsDataHubClientHttpRequestInterceptor[" + Objects.toString(authorizer.scope()) + "]";
  }
}
