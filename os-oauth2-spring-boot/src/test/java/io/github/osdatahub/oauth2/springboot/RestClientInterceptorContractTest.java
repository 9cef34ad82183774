package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.testkit.contract.AuthorizingClientContract;
import java.io.IOException;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The authorizing-client contract for {@link OsDataHubClientHttpRequestInterceptor} on a
 * {@code RestClient} over Spring's JDK request factory (which, like {@code RestClient.create()}, does
 * not follow redirects: the interceptor does).
 */
class RestClientInterceptorContractTest extends AuthorizingClientContract {
  @Override
  protected Client client(TokenProvider provider, TokenScope scope) {
    RestClient client = RestClient.builder()
        .requestFactory(new JdkClientHttpRequestFactory())
        .requestInterceptor(OsDataHubClientHttpRequestInterceptor.create(provider, scope))
        .build();
    return (uri, headers) -> {
      try {
        return client.get().uri(uri).headers(h -> headers.forEach(h::set))
            .exchange((request, response) -> response.getStatusCode().value());
      } catch (ResourceAccessException e) {
        // RestClient's wrapper of an I/O failure; the contract wants the IOException itself.
        throw e.getCause() instanceof IOException io ? io : e;
      }
    };
  }
}
