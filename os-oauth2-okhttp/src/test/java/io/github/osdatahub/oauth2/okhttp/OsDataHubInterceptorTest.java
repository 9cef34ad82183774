package io.github.osdatahub.oauth2.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.okhttp.LoopbackServer.Answer;
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

/** What the interceptor puts on requests, and where it does not, with a real OkHttpClient on loopback. */
class OsDataHubInterceptorTest {
  private final TestTokens tokens = TestTokens.rotating();
  private LoopbackServer server;

  @BeforeEach
  void start() throws IOException {
    server = LoopbackServer.okEverywhere();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OkHttpClient client(TokenProvider provider, TokenScope scope) {
    return new OkHttpClient.Builder()
        .dns(LoopbackServer.LOOPBACK_DNS)
        .addInterceptor(OsDataHubInterceptor.create(provider, scope))
        .build();
  }

  private static int call(OkHttpClient client, URI uri) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
      return response.code();
    }
  }

  @Test
  void tagsTheRequestWithTheTokenItSent() throws IOException {
    List<AccessToken> tags = new ArrayList<>();
    OkHttpClient client = new OkHttpClient.Builder()
        .addInterceptor(OsDataHubInterceptor.create(tokens, TokenScope.of("127.0.0.1")))
        .addInterceptor(chain -> {
          tags.add(chain.request().tag(AccessToken.class));
          return chain.proceed(chain.request());
        })
        .build();

    call(client, server.uri("/x"));

    assertThat(tags).containsExactly(TestTokens.token(1));
  }

  @Test
  void neverSendsTheTokenToTheTokenEndpoint() throws IOException {
    call(client(tokens, TokenScope.of("127.0.0.1")), server.uri("/oauth2/token/v1"));

    assertThat(server.requests()).extracting(LoopbackServer.Seen::authorization).containsOnlyNulls();
    assertThat(tokens.tokenCalls).hasValue(0);
  }

  @Test
  void neverSendsTheTokenOverPlainHttpToANonLoopbackOsHost() throws IOException {
    // http://api.os.uk:port/... reaches the loopback server through the test DNS; nothing leaves the machine.
    URI plainHttp = server.uri("api.os.uk", "/search/names/v1/find");

    assertThat(call(client(tokens, TokenScope.defaults()), plainHttp)).isEqualTo(200);

    assertThat(server.requests()).singleElement().satisfies(seen -> {
      assertThat(seen.host()).startsWith("api.os.uk");
      assertThat(seen.authorization()).isNull();
    });
    assertThat(tokens.tokenCalls).hasValue(0);
  }

  @Test
  void installOnAddsBothAndKeepsTheBuildersAuthenticatorForOtherChallenges() throws IOException {
    List<Integer> userSaw = new ArrayList<>();
    OkHttpClient.Builder builder = new OkHttpClient.Builder().dns(LoopbackServer.LOOPBACK_DNS)
        .authenticator((route, response) -> {
          userSaw.add(response.code());
          return null;
        });

    OkHttpClient client = OsDataHubInterceptor.installOn(builder, tokens, TokenScope.of("127.0.0.1")).build();
    server.respondWith(seen -> Answer.status(401));

    assertThat(client.interceptors()).hasAtLeastOneElementOfType(OsDataHubInterceptor.class);
    assertThat(client.authenticator()).isInstanceOf(OsDataHubAuthenticator.class);
    assertThat(call(client, server.uri("other.test", "/x"))).isEqualTo(401);
    assertThat(userSaw).containsExactly(401);
    assertThat(tokens.invalidated).isEmpty();
  }

  @Test
  void installOnTwiceIsRefused() {
    OkHttpClient.Builder builder = OsDataHubInterceptor.installOn(new OkHttpClient.Builder(), tokens);

    assertThatThrownBy(() -> OsDataHubInterceptor.installOn(builder, tokens))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has an OsDataHubInterceptor");
  }

  @Test
  void toStringShowsTheScopeNotTheToken() {
    assertThat(OsDataHubInterceptor.create(tokens).toString()).contains("api.os.uk").doesNotContain("token-1");
  }
}
