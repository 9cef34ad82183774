package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.testkit.contract.AuthorizingClientContract;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The authorizing-client contract for {@link OsDataHubExchangeFilterFunction} on a {@code WebClient}
 * over Reactor Netty (which does not follow redirects by default: the filter does).
 */
class WebClientFilterContractTest extends AuthorizingClientContract {
  @Override
  protected Client client(TokenProvider provider, TokenScope scope) {
    WebClient client = WebClient.builder()
        .clientConnector(new ReactorClientHttpConnector())
        .filter(OsDataHubExchangeFilterFunction.create(provider, scope))
        .build();
    return (uri, headers) -> await(client.get().uri(uri).headers(h -> headers.forEach(h::set))
        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
        .toFuture());
  }
}
