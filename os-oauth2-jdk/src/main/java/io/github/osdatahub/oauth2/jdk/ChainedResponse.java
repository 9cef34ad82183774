package io.github.osdatahub.oauth2.jdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * One hop's response with the caller's body type and a link to the hop before it (a redirect or a
 * 401 that was retried), as the JDK links the responses of the redirects it follows.
 */
final class ChainedResponse<T> implements HttpResponse<T> {
  private final HttpResponse<?> hop;
  private final T body;
  private final HttpResponse<T> previous;

  ChainedResponse(HttpResponse<?> hop, T body, HttpResponse<T> previous) {
    this.hop = hop;
    this.body = body;
    this.previous = previous;
  }

  @Override
  public int statusCode() {
    return hop.statusCode();
  }

  @Override
  public HttpRequest request() {
    return hop.request();
  }

  @Override
  public Optional<HttpResponse<T>> previousResponse() {
    return Optional.ofNullable(previous);
  }

  @Override
  public HttpHeaders headers() {
    return hop.headers();
  }

  @Override
  public T body() {
    return body;
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return hop.sslSession();
  }

  @Override
  public URI uri() {
    return hop.uri();
  }

  @Override
  public HttpClient.Version version() {
    return hop.version();
  }

  @Override
  public String toString() {
    return "(" + request().method() + " " + uri() + ") " + statusCode();
  }
}
