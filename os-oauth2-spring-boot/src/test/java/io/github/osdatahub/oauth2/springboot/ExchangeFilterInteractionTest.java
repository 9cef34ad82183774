package io.github.osdatahub.oauth2.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.Captor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * What {@link OsDataHubExchangeFilterFunction} hands the {@link ExchangeFunction} behind it (the
 * connector an application's {@code WebClient} would use), exactly: each request, with which header, and
 * how many. Tokens come from a real provider on the fake hub; the exchange is a mock, because the
 * interactions are the point. {@link WebClientFilterContractTest} and {@link WebClientNonBlockingTest}
 * keep the same rules over a real socket.
 */
@ExtendWith(MockitoExtension.class)
class ExchangeFilterInteractionTest {
  /** OS's answer to an expired token (OS-DATA-HUB.md). */
  private static final String EXPIRED = "{\"fault\":{\"faultstring\":\"Access Token expired\","
      + "\"detail\":{\"errorcode\":\"keymanagement.service.access_token_expired\"}}}";

  @RegisterExtension
  static final FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> b.noRateLimit());

  @Mock
  private ExchangeFunction exchange;
  @Captor
  private ArgumentCaptor<ClientRequest> sent;

  private CachingTokenProvider provider;
  private WebClient client;

  @BeforeEach
  void start() {
    provider = OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri()).build();
    client = WebClient.builder()
        .exchangeFunction(exchange)
        .filter(OsDataHubExchangeFilterFunction.create(provider, hub.tokenScope()))
        .build();
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  private int get(URI uri) {
    return client.get().uri(uri).exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())).block();
  }

  private static Mono<ClientResponse> answer(HttpStatus status) {
    return Mono.just(ClientResponse.create(status).build());
  }

  private static Mono<ClientResponse> expired() {
    return Mono.just(ClientResponse.create(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).body(EXPIRED).build());
  }

  private List<String> authorizations() {
    return sent.getAllValues().stream().map(r -> r.headers().getFirst(HttpHeaders.AUTHORIZATION)).toList();
  }

  @Test
  void aRequestToAnAllowedHostIsExchangedOnceWithTheBearerToken() {
    when(exchange.exchange(any())).thenReturn(answer(HttpStatus.OK));
    URI names = hub.namesUri("Southampton");

    assertThat(get(names)).isEqualTo(200);

    verify(exchange).exchange(sent.capture());
    verifyNoMoreInteractions(exchange);
    assertThat(sent.getValue().url()).isEqualTo(names);
    assertThat(authorizations()).containsExactly("Bearer " + provider.token().value());
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void aRequestToAHostOutOfScopeIsExchangedOnceWithoutAToken() {
    when(exchange.exchange(any())).thenReturn(answer(HttpStatus.OK));

    assertThat(get(URI.create("http://elsewhere.test/names?q=Southampton"))).isEqualTo(200);

    verify(exchange).exchange(sent.capture());
    verifyNoMoreInteractions(exchange);
    assertThat(authorizations()).containsOnlyNulls();
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void aRedirectToAHostOutOfScopeIsFollowedWithoutTheToken() {
    URI elsewhere = URI.create("http://elsewhere.test/moved");
    when(exchange.exchange(any()))
        .thenReturn(Mono.just(ClientResponse.create(HttpStatus.FOUND).header(HttpHeaders.LOCATION, elsewhere.toString())
            .build()))
        .thenReturn(answer(HttpStatus.OK));

    assertThat(get(hub.namesUri("Southampton"))).isEqualTo(200);

    verify(exchange, times(2)).exchange(sent.capture());
    verifyNoMoreInteractions(exchange);
    assertThat(sent.getAllValues().get(1).url()).isEqualTo(elsewhere);
    assertThat(authorizations()).containsExactly("Bearer " + provider.token().value(), null);
  }

  @Test
  void theGatewaysExpiredTokenAnswerIsExchangedExactlyTwiceTheSecondWithAFreshToken() {
    when(exchange.exchange(any())).thenReturn(expired()).thenReturn(answer(HttpStatus.OK));
    String first = provider.token().value();

    assertThat(get(hub.namesUri("Southampton"))).isEqualTo(200);

    verify(exchange, times(2)).exchange(sent.capture());
    verifyNoMoreInteractions(exchange);
    String fresh = provider.token().value();
    assertThat(fresh).isNotEqualTo(first);
    assertThat(authorizations()).containsExactly("Bearer " + first, "Bearer " + fresh);
    assertThat(sent.getAllValues()).extracting(ClientRequest::url).containsOnly(hub.namesUri("Southampton"));
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void aSecond401EndsTheCallAfterTwoExchanges() {
    when(exchange.exchange(any())).thenReturn(expired()).thenReturn(expired());

    assertThat(get(hub.namesUri("Southampton"))).isEqualTo(401);

    verify(exchange, times(2)).exchange(sent.capture());
    verifyNoMoreInteractions(exchange);
    assertThat(authorizations()).doesNotHaveDuplicates().allSatisfy(a -> assertThat(a).startsWith("Bearer "));
  }

  @Test
  void a403IsExchangedOnceAndNeverRetried() {
    when(exchange.exchange(any())).thenReturn(answer(HttpStatus.FORBIDDEN));

    assertThat(get(hub.namesUri("Southampton"))).isEqualTo(403);

    verify(exchange).exchange(sent.capture());
    verifyNoMoreInteractions(exchange);
    assertThat(authorizations()).containsExactly("Bearer " + provider.token().value());
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void theCallersOwnAuthorizationIsExchangedOnceAsItIs() {
    when(exchange.exchange(any())).thenReturn(expired());

    int status = client.get().uri(hub.namesUri("Southampton")).header(HttpHeaders.AUTHORIZATION, "Bearer mine")
        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())).block();

    assertThat(status).isEqualTo(401);
    verify(exchange).exchange(sent.capture());
    verifyNoMoreInteractions(exchange);
    assertThat(authorizations()).containsExactly("Bearer mine");
    assertThat(hub.tokenRequestCount()).isZero();
  }
}
