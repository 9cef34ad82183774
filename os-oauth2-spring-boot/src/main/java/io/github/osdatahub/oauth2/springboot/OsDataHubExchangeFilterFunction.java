package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenAuthorizer;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * The {@code WebClient} form of {@link OsDataHubClientHttpRequestInterceptor}, and never blocking:
 * tokens come from {@link TokenProvider#tokenAsync()} (a cached token at once, otherwise a future
 * completed off the event loop), so no event-loop thread waits for one. Same rules, through core's
 * {@link TokenAuthorizer}: tokens only to in-scope hops, redirects followed hop by hop (Reactor
 * Netty's client does not follow them by default), one 401 retry with a new token, the caller's own
 * {@code Authorization} left alone. A missing token fails the exchange with an
 * {@link java.io.IOException} caused by the SDK's exception.
 *
 * <pre>{@code
 * WebClient client = WebClient.builder()
 *     .filter(OsDataHubExchangeFilterFunction.create(provider, TokenScope.defaults()))
 *     .build();
 * }</pre>
 */
public final class OsDataHubExchangeFilterFunction implements ExchangeFilterFunction {
  private final TokenAuthorizer authorizer;

  private OsDataHubExchangeFilterFunction(TokenAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /**
   * @param provider where tokens come from
   * @param scope where they may go
   * @return the filter
   */
  public static OsDataHubExchangeFilterFunction create(TokenProvider provider, TokenScope scope) {
    return new OsDataHubExchangeFilterFunction(TokenAuthorizer.create(provider, scope));
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    if (request.headers().containsHeader(HttpHeaders.AUTHORIZATION)) {
      return next.exchange(request); // the caller's own: not ours to replace or retry
    }
    return hop(request, next, 0, false, null);
  }

  private Mono<ClientResponse> hop(ClientRequest request, ExchangeFunction next, int hops, boolean retried,
      AccessToken retryWith) {
    Mono<Optional<AccessToken>> token = retryWith != null ? Mono.just(Optional.of(retryWith))
        : authorizer.permits(request.url()) ? Mono.fromFuture(authorizer::tokenAsync, true).map(Optional::of)
        : Mono.just(Optional.empty());
    return token.flatMap(sent -> next.exchange(withToken(request, sent.orElse(null)))
        .flatMap(response -> answer(request, next, hops, retried, sent.orElse(null), response)));
  }

  private Mono<ClientResponse> answer(ClientRequest request, ExchangeFunction next, int hops, boolean retried,
      AccessToken sent, ClientResponse response) {
    int status = response.statusCode().value();
    if (status == 401 && sent != null && !retried) {
      return Mono.fromFuture(() -> authorizer.tokenForRetryAsync(sent), true)
          .flatMap(fresh -> response.releaseBody().then(hop(request, next, hops, true, fresh)))
          .switchIfEmpty(Mono.just(response)); // no other token: the caller gets the 401
    }
    URI target = Redirects.target(request.url(), status, response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION));
    if (target == null || hops >= Redirects.MAX_HOPS) {
      return Mono.just(response);
    }
    HttpMethod method = Redirects.nextMethod(status, request.method());
    ClientRequest.Builder following = ClientRequest.from(request).url(target).method(method)
        .headers(headers -> headers.remove(HttpHeaders.AUTHORIZATION));
    if (method != request.method()) {
      following.body(BodyInserters.empty()).headers(headers -> {
        headers.remove(HttpHeaders.CONTENT_TYPE);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
      });
    }
    return response.releaseBody().then(hop(following.build(), next, hops + 1, retried, null));
  }

  private static ClientRequest withToken(ClientRequest request, AccessToken token) {
    return token == null ? request
        : ClientRequest.from(request).headers(h -> h.set(HttpHeaders.AUTHORIZATION, token.authorizationHeader())).build();
  }

  @Override
  public String toString() {
    return "OsDataHubExchangeFilterFunction[" + authorizer.scope() + "]";
  }
}
