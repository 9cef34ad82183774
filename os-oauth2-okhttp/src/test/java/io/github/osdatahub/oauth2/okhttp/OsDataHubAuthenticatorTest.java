package io.github.osdatahub.oauth2.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.okhttp.LoopbackServer.Answer;
import io.github.osdatahub.oauth2.okhttp.LoopbackServer.Seen;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The single retry after a 401, and everything the authenticator must leave alone. */
class OsDataHubAuthenticatorTest {
  private static final TokenScope SCOPE = TokenScope.of("127.0.0.1");

  private LoopbackServer server;
  private final List<Integer> delegateSaw = new ArrayList<>();
  private final Authenticator delegate = (route, response) -> {
    delegateSaw.add(response.code());
    return null;
  };

  @BeforeEach
  void start() throws IOException {
    server = LoopbackServer.okEverywhere();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Accepts only the given bearer tokens; 401 for anything else. */
  private static java.util.function.Function<Seen, Answer> accepting(String... tokens) {
    Set<String> good = Set.of(tokens);
    return seen -> seen.authorization() != null && good.contains(seen.authorization().substring("Bearer ".length()))
        ? Answer.ok("names") : Answer.status(401);
  }

  private OkHttpClient client(TokenProvider provider) {
    return new OkHttpClient.Builder()
        .dns(LoopbackServer.LOOPBACK_DNS)
        .addInterceptor(OsDataHubInterceptor.create(provider, SCOPE))
        .authenticator(OsDataHubAuthenticator.create(provider, SCOPE, delegate))
        .build();
  }

  private static int call(OkHttpClient client, URI uri) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
      return response.code();
    }
  }

  @Test
  void a401ToAnotherHostGoesToTheDelegateAndNeverRefreshes() throws IOException {
    TestTokens tokens = TestTokens.rotating();
    server.respondWith(seen -> Answer.status(401));

    assertThat(call(client(tokens), server.uri("other.test", "/x"))).isEqualTo(401);

    assertThat(delegateSaw).containsExactly(401);
    assertThat(tokens.tokenCalls).hasValue(0);
    assertThat(tokens.invalidated).isEmpty();
  }

  @Test
  void a401ToTheCallersOwnAuthorizationGoesToTheDelegate() throws IOException {
    TestTokens tokens = TestTokens.rotating();
    server.respondWith(seen -> Answer.status(401));
    Request own = new Request.Builder().url(server.uri("/x").toString()).header("Authorization", "Bearer mine").build();

    try (Response response = client(tokens).newCall(own).execute()) {
      assertThat(response.code()).isEqualTo(401);
    }

    assertThat(server.requests()).extracting(Seen::authorization).containsExactly("Bearer mine");
    assertThat(delegateSaw).containsExactly(401);
    assertThat(tokens.invalidated).isEmpty();
  }

  @Test
  void a401AfterARedirectToAnotherHostIsNotOurs() throws IOException {
    TestTokens tokens = TestTokens.rotating();
    try (LoopbackServer other = LoopbackServer.start(seen -> Answer.status(401))) {
      server.respondWith(seen -> Answer.redirect(other.uri("localhost", "/elsewhere")));

      assertThat(call(client(tokens), server.uri("/moved"))).isEqualTo(401);

      assertThat(other.requests()).extracting(Seen::authorization).containsOnlyNulls().hasSize(1);
      assertThat(tokens.invalidated).isEmpty();
      assertThat(delegateSaw).containsExactly(401);
    }
  }

  @Test
  void aSameHostRedirectStillGetsOneRetry() throws IOException {
    TestTokens tokens = TestTokens.rotating();
    server.respondWith(seen -> seen.path().equals("/moved")
        ? Answer.redirect(server.uri("/here")) : accepting("token-2").apply(seen));

    assertThat(call(client(tokens), server.uri("/moved"))).isEqualTo(200);

    assertThat(server.requests()).extracting(Seen::path, Seen::authorization).containsExactly(
        org.assertj.core.groups.Tuple.tuple("/moved", "Bearer token-1"),
        org.assertj.core.groups.Tuple.tuple("/here", "Bearer token-1"),
        org.assertj.core.groups.Tuple.tuple("/here", "Bearer token-2"));
  }

  @Test
  void worksTheSameOnAsynchronousCalls() throws Exception {
    TestTokens tokens = TestTokens.rotating();
    server.respondWith(accepting("token-2"));
    CompletableFuture<Integer> code = new CompletableFuture<>();

    client(tokens).newCall(new Request.Builder().url(server.uri("/x").toString()).build()).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        code.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          code.complete(response.code());
        }
      }
    });

    assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    assertThat(server.requests()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"otherPort", "tokenPath"})
  void a401FromAHopTheScopeRefusesNeverGetsOurTokenBack(String hop) throws IOException {
    // A pure seam: with installOn the network guard keeps the token off such a hop; here the 401
    // arrives as OkHttp would hand it over, with our token still on the request before that guard.
    TestTokens tokens = TestTokens.rotating();
    TokenScope onePort = TokenScope.of("127.0.0.1:" + server.port());
    URI refused = hop.equals("otherPort")
        ? URI.create("http://127.0.0.1:" + (server.port() == 65535 ? 1 : server.port() + 1) + "/x")
        : server.uri("/oauth2/token/v1");
    Request sent = new Request.Builder().url(refused.toString())
        .header("Authorization", tokens.current().authorizationHeader())
        .tag(io.github.osdatahub.oauth2.AccessToken.class, tokens.current())
        .build();
    Response rejected = new Response.Builder().request(sent).protocol(Protocol.HTTP_1_1).code(401)
        .message("Unauthorized").build();
    List<Request> delegateGot = new ArrayList<>();
    Authenticator addsItsOwnKey = (route, response) -> {
      delegateGot.add(response.request());
      return response.request().newBuilder().header("X-Api-Key", "the-delegate's").build();
    };

    Request next = OsDataHubAuthenticator.create(tokens, onePort, addsItsOwnKey).authenticate(null, rejected);

    assertThat(delegateGot).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isNull());
    assertThat(next).isNotNull();
    assertThat(next.header("Authorization")).isNull();
    assertThat(next.header("X-Api-Key")).isEqualTo("the-delegate's");
    assertThat(OsDataHubAuthenticator.create(tokens, onePort).authenticate(null, rejected)).isNull();
    assertThat(tokens.invalidated).isEmpty();
    assertThat(tokens.tokenCalls).hasValue(0);
  }

  @Test
  void a407IsNeverHandledOnlyDelegated() throws IOException {
    // A pure seam: OkHttp sends 407 to the proxy authenticator, so a proxy would be needed to get here.
    TestTokens tokens = TestTokens.rotating();
    Request sent = new Request.Builder().url(server.uri("/x").toString())
        .header("Authorization", tokens.current().authorizationHeader())
        .tag(io.github.osdatahub.oauth2.AccessToken.class, tokens.current())
        .build();
    Response proxyChallenge = new Response.Builder().request(sent).protocol(Protocol.HTTP_1_1).code(407)
        .message("Proxy Authentication Required").build();

    assertThat(OsDataHubAuthenticator.create(tokens, SCOPE, delegate).authenticate(null, proxyChallenge)).isNull();
    assertThat(OsDataHubAuthenticator.create(tokens, SCOPE).authenticate(null, proxyChallenge)).isNull();

    assertThat(delegateSaw).containsExactly(407);
    assertThat(tokens.invalidated).isEmpty();
    assertThat(tokens.tokenCalls).hasValue(0);
  }
}
