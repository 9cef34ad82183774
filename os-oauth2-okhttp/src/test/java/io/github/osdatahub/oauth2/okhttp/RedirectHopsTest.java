package io.github.osdatahub.oauth2.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.okhttp.LoopbackServer.Answer;
import io.github.osdatahub.oauth2.okhttp.LoopbackServer.Seen;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every hop OkHttp sends for one call (redirects and the 401 retry) is judged by the scope, on a
 * client set up with {@link OsDataHubInterceptor#installOn}. OkHttp keeps {@code Authorization} on
 * a redirect within one origin, so these hops are the ones only the SDK can keep the token off.
 */
class RedirectHopsTest {
  private static final String API = "/search/names/v1/find";

  private final TestTokens tokens = TestTokens.rotating();
  /** What the builder's own authenticator was handed: the delegate for every 401 that is not ours. */
  private final List<Integer> delegateSaw = new ArrayList<>();
  private LoopbackServer server;

  @BeforeEach
  void start() throws IOException {
    server = LoopbackServer.okEverywhere();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OkHttpClient.Builder builder(TokenScope scope) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .dns(LoopbackServer.LOOPBACK_DNS)
        .authenticator((route, response) -> {
          delegateSaw.add(response.code());
          return null;
        });
    return OsDataHubInterceptor.installOn(builder, tokens, scope);
  }

  private static int call(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  private static Request get(URI uri) {
    return new Request.Builder().url(uri.toString()).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/oauth2/token/v1", "/x/../oauth2/token/v1", "/%6Fauth2/token/v1", "/OAUTH2/TOKEN/v1",
      "//oauth2/token/v1"})
  void aSameOriginRedirectToTheTokenPathCarriesNoToken(String tokenPath) throws IOException {
    server.respondWith(seen -> seen.path().equals(API) ? Answer.redirect(server.uri(tokenPath)) : Answer.ok("token"));

    assertThat(call(builder(TokenScope.of("127.0.0.1")).build(), get(server.uri(API)))).isEqualTo(200);

    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer token-1");
    assertThat(server.requests().get(1)).satisfies(hop -> {
      assertThat(hop.path()).isNotEqualTo(API);
      assertThat(hop.authorization()).isNull();
    });
  }

  @Test
  void a401FromTheTokenPathIsNeitherRetriedNorRefreshed() throws IOException {
    server.respondWith(seen -> seen.path().equals("/moved")
        ? Answer.redirect(server.uri("/oauth2/token/v1")) : Answer.status(401));

    assertThat(call(builder(TokenScope.of("127.0.0.1")).build(), get(server.uri("/moved")))).isEqualTo(401);

    assertThat(server.requests()).extracting(Seen::path, Seen::authorization).containsExactly(
        tuple("/moved", "Bearer token-1"),
        tuple("/oauth2/token/v1", null));
    assertThat(tokens.invalidated).isEmpty();
    assertThat(tokens.tokenCalls).hasValue(1);
    assertThat(delegateSaw).containsExactly(401); // not an answer to our token: the builder's authenticator's
  }

  @Test
  void a401OnAnInScopeHopStillGetsOneRetry() throws IOException {
    TokenScope onePort = TokenScope.of("127.0.0.1:" + server.port());
    server.respondWith(seen -> {
      if (seen.path().equals("/moved")) {
        return Answer.redirect(server.uri(API));
      }
      return "Bearer token-2".equals(seen.authorization()) ? Answer.ok("names") : Answer.status(401);
    });

    assertThat(call(builder(onePort).build(), get(server.uri("/moved")))).isEqualTo(200);

    assertThat(server.requests()).extracting(Seen::path, Seen::authorization).containsExactly(
        tuple("/moved", "Bearer token-1"),
        tuple(API, "Bearer token-1"),
        tuple(API, "Bearer token-2"));
    assertThat(tokens.invalidated).containsExactly(TestTokens.token(1));
    assertThat(delegateSaw).isEmpty();
  }

  @Test
  void aCallersOwnAuthorizationIsLeftAloneOnEveryHop() throws IOException {
    server.respondWith(seen -> seen.path().equals("/moved")
        ? Answer.redirect(server.uri("/oauth2/token/v1")) : Answer.ok("hi"));
    Request own = new Request.Builder().url(server.uri("/moved").toString())
        .header("Authorization", "Bearer mine").build();

    assertThat(call(builder(TokenScope.of("127.0.0.1")).build(), own)).isEqualTo(200);

    assertThat(server.requests()).extracting(Seen::authorization).containsExactly("Bearer mine", "Bearer mine");
    assertThat(tokens.tokenCalls).hasValue(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain http to a host the scope names for https", "another port of the in-scope host"})
  void aHopTheScopeRefusesNeverCarriesTheTokenEvenWhenOkHttpWouldKeepIt(String hop) throws IOException {
    // OkHttp drops Authorization itself when a redirect changes scheme or port, and a loopback test
    // has no TLS. So this hop is made by an application interceptor of the caller's, after ours,
    // that rewrites the URL, to show that the per-hop check judges scheme and port on its own.
    try (LoopbackServer target = LoopbackServer.okEverywhere()) {
      boolean plainHttp = hop.startsWith("plain http");
      TokenScope scope = plainHttp
          ? TokenScope.of("127.0.0.1", "api.os.uk:" + target.port())
          : TokenScope.of("127.0.0.1:" + server.port());
      OkHttpClient client = builder(scope)
          .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
              .url(target.uri(plainHttp ? "api.os.uk" : "127.0.0.1", chain.request().url().encodedPath()).toString())
              .build()))
          .build();

      assertThat(call(client, get(server.uri(API)))).isEqualTo(200);

      assertThat(tokens.tokenCalls).hasValue(1); // the first URL was in scope, so the token was added
      assertThat(target.requests()).singleElement().satisfies(seen -> {
        assertThat(seen.host()).startsWith(plainHttp ? "api.os.uk:" : "127.0.0.1:");
        assertThat(seen.authorization()).isNull();
      });
    }
  }
}
