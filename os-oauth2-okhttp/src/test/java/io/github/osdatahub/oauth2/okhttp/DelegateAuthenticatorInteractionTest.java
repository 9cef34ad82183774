package io.github.osdatahub.oauth2.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.okhttp.LoopbackServer.Answer;
import io.github.osdatahub.oauth2.okhttp.LoopbackServer.Seen;
import java.io.IOException;
import java.net.URI;
import okhttp3.Authenticator;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Captor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * What our authenticator does to the {@link Authenticator} a user already had on the builder (which
 * {@code installOn} keeps as its delegate): asked exactly once, with the 401 as OkHttp handed it over,
 * for every 401 that is not ours; never while ours handles the 401; and its answer goes back to OkHttp
 * unchanged. The calls run on a loopback server; the delegate is a mock because the interaction is the
 * point. {@link OsDataHubAuthenticatorTest} keeps the behaviour over the socket with a plain lambda.
 */
@ExtendWith(MockitoExtension.class)
class DelegateAuthenticatorInteractionTest {
  private static final TokenScope SCOPE = TokenScope.of("127.0.0.1");
  private static final String DELEGATES_OWN = "Basic ZGVsZWdhdGU6b3du";

  @Mock
  private Authenticator delegate;
  @Captor
  private ArgumentCaptor<Response> handedOver;
  @Captor
  private ArgumentCaptor<Route> route;

  private LoopbackServer server;

  @BeforeEach
  void start() throws IOException {
    server = LoopbackServer.okEverywhere();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OkHttpClient client(TestTokens tokens) {
    OkHttpClient.Builder users = new OkHttpClient.Builder().dns(LoopbackServer.LOOPBACK_DNS).authenticator(delegate);
    return OsDataHubInterceptor.installOn(users, tokens, SCOPE).build();
  }

  private static int call(OkHttpClient client, URI uri) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
      return response.code();
    }
  }

  /** The server's answer: 200 for the delegate's own credentials or the given token, else 401. */
  private static java.util.function.Function<Seen, Answer> accepting(String token) {
    return seen -> DELEGATES_OWN.equals(seen.authorization()) || ("Bearer " + token).equals(seen.authorization())
        ? Answer.ok("names") : Answer.status(401);
  }

  @Test
  void a401FromAHostOutOfScopeGoesToTheDelegateOnceAndItsRequestIsSent() throws IOException {
    TestTokens tokens = TestTokens.rotating();
    server.respondWith(accepting("none"));
    when(delegate.authenticate(any(), any())).thenAnswer(asked -> ((Response) asked.getArgument(1)).request()
        .newBuilder().header("Authorization", DELEGATES_OWN).build());

    assertThat(call(client(tokens), server.uri("other.test", "/x"))).isEqualTo(200);

    verify(delegate).authenticate(route.capture(), handedOver.capture());
    verifyNoMoreInteractions(delegate);
    assertThat(route.getValue().address().url().host()).isEqualTo("other.test");
    assertThat(handedOver.getValue().code()).isEqualTo(401);
    assertThat(handedOver.getValue().request().url().toString()).isEqualTo(server.uri("other.test", "/x").toString());
    assertThat(handedOver.getValue().request().header("Authorization")).isNull();
    assertThat(server.requests()).extracting(Seen::authorization).containsExactly(null, DELEGATES_OWN);
    assertThat(tokens.tokenCalls).hasValue(0);
  }

  @Test
  void aDelegateThatGivesUpEndsTheCallWithThe401() throws IOException {
    TestTokens tokens = TestTokens.rotating();
    server.respondWith(seen -> Answer.status(401));
    when(delegate.authenticate(any(), any())).thenReturn(null);

    assertThat(call(client(tokens), server.uri("other.test", "/x"))).isEqualTo(401);

    verify(delegate).authenticate(any(), any());
    verifyNoMoreInteractions(delegate);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void ourRetryAfterA401NeverConsultsTheDelegate() throws IOException {
    TestTokens tokens = TestTokens.rotating();
    server.respondWith(accepting("token-2"));

    assertThat(call(client(tokens), server.uri("/x"))).isEqualTo(200);

    verifyNoInteractions(delegate);
    assertThat(server.requests()).extracting(Seen::authorization).containsExactly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void a401ToOurRetryEndsTheCallWithoutTheDelegate() throws IOException {
    // Both 401s judged our tokens: the second ends the call (at most two attempts), and neither is the delegate's.
    TestTokens tokens = TestTokens.rotating();
    server.respondWith(accepting("none"));

    assertThat(call(client(tokens), server.uri("/x"))).isEqualTo(401);

    verifyNoInteractions(delegate);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void whenTheProviderHasNoOtherTokenTheDelegateIsNotAsked() throws IOException {
    TestTokens tokens = TestTokens.stuck();
    server.respondWith(accepting("none"));

    assertThat(call(client(tokens), server.uri("/x"))).isEqualTo(401);

    verifyNoInteractions(delegate);
    assertThat(tokens.invalidated).extracting(AccessToken::value).containsExactly("token-1");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void a401ToTheCallersOwnAuthorizationGoesToTheDelegateAsItCame() throws IOException {
    TestTokens tokens = TestTokens.rotating();
    server.respondWith(seen -> Answer.status(401));
    when(delegate.authenticate(any(), any())).thenReturn(null);
    Request own = new Request.Builder().url(server.uri("/x").toString()).header("Authorization", "Bearer mine").build();

    try (Response response = client(tokens).newCall(own).execute()) {
      assertThat(response.code()).isEqualTo(401);
    }

    verify(delegate).authenticate(any(), handedOver.capture());
    verifyNoMoreInteractions(delegate);
    assertThat(handedOver.getValue().request().header("Authorization")).isEqualTo("Bearer mine");
    assertThat(tokens.invalidated).isEmpty();
  }

  @Test
  void theDelegatesAnswerIsReturnedUnchanged() throws IOException {
    // A pure seam: the very Request object the delegate built must be what OkHttp gets back.
    TestTokens tokens = TestTokens.rotating();
    Request sent = new Request.Builder().url(server.uri("other.test", "/x").toString()).build();
    Response rejected = new Response.Builder().request(sent).protocol(Protocol.HTTP_1_1).code(401)
        .message("Unauthorized").build();
    Request delegatesOwn = sent.newBuilder().header("Authorization", DELEGATES_OWN).build();
    when(delegate.authenticate(null, rejected)).thenReturn(delegatesOwn);

    Request next = OsDataHubAuthenticator.create(tokens, SCOPE, delegate).authenticate(null, rejected);

    assertThat(next).isSameAs(delegatesOwn);
    verify(delegate).authenticate(null, rejected);
    verifyNoMoreInteractions(delegate);
  }
}
