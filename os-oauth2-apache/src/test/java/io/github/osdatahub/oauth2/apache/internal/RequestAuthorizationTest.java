package io.github.osdatahub.oauth2.apache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.TokenAuthorizer;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import java.net.InetAddress;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.junit.jupiter.api.Test;

/** The route rules of {@link RequestAuthorization#permits}, on routes no loopback test can build. */
class RequestAuthorizationTest {
  private static final TokenProvider NO_TOKENS = () -> {
    throw new AssertionError("the route rules never ask for a token");
  };
  private static final TokenAuthorizer OS = TokenAuthorizer.create(NO_TOKENS, TokenScope.defaults());
  private static final TokenAuthorizer LOCAL = TokenAuthorizer.create(NO_TOKENS, TokenScope.of("localhost", "127.0.0.1"));
  private static final HttpHost API = new HttpHost("https", "api.os.uk", 443);
  private static final HttpHost PROXY = new HttpHost("http", "proxy.example", 3128);

  private static BasicHttpRequest get(String path) {
    return new BasicHttpRequest("GET", path);
  }

  @Test
  void aDirectHttpsRouteToTheApiIsPermitted() {
    assertThat(RequestAuthorization.permits(OS, new HttpRoute(API, null, true), get("/maps/x"))).isTrue();
  }

  @Test
  void anUnknownRouteIsNot() {
    assertThat(RequestAuthorization.permits(OS, null, get("/maps/x"))).isFalse();
  }

  @Test
  void httpsThroughATlsTunnelIsPermittedAndThroughAPlainProxyIsNot() {
    assertThat(RequestAuthorization.permits(OS, new HttpRoute(API, null, PROXY, true), get("/maps/x"))).isTrue();
    assertThat(RequestAuthorization.permits(OS, new HttpRoute(API, null, PROXY, false), get("/maps/x"))).isFalse();
  }

  @Test
  void aConnectNeverGetsTheToken() {
    assertThat(RequestAuthorization.permits(OS, new HttpRoute(API, null, true), new BasicHttpRequest("CONNECT",
        "api.os.uk:443"))).isFalse();
  }

  @Test
  void plainHttpToALoopbackNamePinnedToAnotherAddressIsNotPermitted() throws Exception {
    HttpHost pinnedElsewhere = new HttpHost("http", InetAddress.getByAddress("localhost", new byte[] {10, 0, 0, 5}),
        "localhost", 8080);
    HttpHost pinnedToLoopback = new HttpHost("http", InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}),
        "localhost", 8080);

    assertThat(RequestAuthorization.permits(LOCAL, new HttpRoute(pinnedElsewhere), get("/x"))).isFalse();
    assertThat(RequestAuthorization.permits(LOCAL, new HttpRoute(pinnedToLoopback), get("/x"))).isTrue();
  }

  @Test
  void theTokenPathIsJudgedWithoutTheQuery() {
    HttpRoute route = new HttpRoute(API, null, true);

    assertThat(RequestAuthorization.permits(OS, route, get("/oauth2/token?grant_type=x"))).isFalse();
    assertThat(RequestAuthorization.permits(OS, route, get("/maps/x?key=oauth2/token"))).isTrue();
  }
}
