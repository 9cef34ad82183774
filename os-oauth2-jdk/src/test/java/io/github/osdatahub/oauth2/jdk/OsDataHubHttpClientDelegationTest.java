package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import java.net.Authenticator;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every HttpClient method of OsDataHubHttpClient is the delegate's; the non-following copy keeps its settings. */
class OsDataHubHttpClientDelegationTest {
  private static final TokenProvider PROVIDER = () -> AccessToken.of("unused", Instant.now().plusSeconds(300));

  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "delegation-test");
    t.setDaemon(true);
    return t;
  });
  private final CookieManager cookies = new CookieManager();
  private final ProxySelector proxy = ProxySelector.of(new InetSocketAddress("proxy.invalid", 3128));
  private final Authenticator authenticator = new Authenticator() {};

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private HttpClient userClient(HttpClient.Redirect policy) throws Exception {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(new String[] {"TLSv1.3"});
    return HttpClient.newBuilder()
        .followRedirects(policy)
        .connectTimeout(Duration.ofSeconds(7))
        .version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(cookies)
        .proxy(proxy)
        .authenticator(authenticator)
        .executor(executor)
        .sslContext(SSLContext.getDefault())
        .sslParameters(parameters)
        .build();
  }

  @Test
  void everySettingIsTheDelegates() throws Exception {
    HttpClient user = userClient(HttpClient.Redirect.NORMAL);
    OsDataHubHttpClient client = OsDataHubHttpClient.create(PROVIDER, user);

    assertThat(client.delegate()).isSameAs(user);
    assertThat(client.tokenScope()).isSameAs(TokenScope.defaults());
    assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL);
    assertThat(client.connectTimeout()).contains(Duration.ofSeconds(7));
    assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(client.cookieHandler()).containsSame(cookies);
    assertThat(client.proxy()).containsSame(proxy);
    assertThat(client.authenticator()).containsSame(authenticator);
    assertThat(client.executor()).containsSame(executor);
    assertThat(client.sslContext()).isSameAs(user.sslContext());
    assertThat(client.sslParameters().getProtocols()).containsExactly("TLSv1.3");
    assertThat(client.newWebSocketBuilder()).isNotNull();
  }

  @Test
  void theNonFollowingCopyKeepsEverySettingButRedirects() throws Exception {
    HttpClient user = userClient(HttpClient.Redirect.ALWAYS);

    HttpClient copy = NonFollowingClient.copyWithoutRedirects(user);

    assertThat(copy).isNotSameAs(user);
    assertThat(copy.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(copy.connectTimeout()).contains(Duration.ofSeconds(7));
    assertThat(copy.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(copy.cookieHandler()).containsSame(cookies);
    assertThat(copy.proxy()).containsSame(proxy);
    assertThat(copy.authenticator()).containsSame(authenticator);
    assertThat(copy.executor()).containsSame(executor);
    assertThat(copy.sslContext()).isSameAs(user.sslContext());
    assertThat(copy.sslParameters().getProtocols()).containsExactly("TLSv1.3");
    assertThat(user.followRedirects()).as("the user's client is unchanged").isEqualTo(HttpClient.Redirect.ALWAYS);
  }

  @Test
  void aClientThatDoesNotFollowRedirectsIsUsedDirectly() throws Exception {
    HttpClient user = userClient(HttpClient.Redirect.NEVER);

    assertThat(new NonFollowingClient(user).get()).isSameAs(user);
  }

  @Test
  void aFollowingClientGetsOneCopyMadeOnFirstUse() throws Exception {
    NonFollowingClient direct = new NonFollowingClient(userClient(HttpClient.Redirect.NORMAL));

    HttpClient first = direct.get();

    assertThat(first.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(direct.get()).isSameAs(first);
  }

  @Test
  void lifecycleMethodsReachTheDelegateOnJdk21AndLater() throws Exception {
    HttpClient user = HttpClient.newHttpClient();
    OsDataHubHttpClient client = OsDataHubHttpClient.create(PROVIDER, user);

    client.close();

    if (Runtime.version().feature() >= 21) {
      boolean userTerminated = (boolean) HttpClient.class.getMethod("isTerminated").invoke(user);
      assertThat(userTerminated).isTrue();
      assertThat(client.isTerminated()).isTrue();
      assertThat(client.awaitTermination(Duration.ofSeconds(1))).isTrue();
    } else {
      // JDK 17 clients have no lifecycle: the methods are there for JDK 21+ callers and do nothing.
      assertThat(client.isTerminated()).isFalse();
      assertThat(client.awaitTermination(Duration.ofSeconds(1))).isTrue();
    }
  }

  @Test
  void toStringNamesTheScopeAndNoToken() throws Exception {
    OsDataHubHttpClient client = OsDataHubHttpClient.create(PROVIDER, userClient(HttpClient.Redirect.NEVER),
        TokenScope.of("127.0.0.1"));

    assertThat(client.toString()).startsWith("OsDataHubHttpClient[TokenScope[127.0.0.1]").doesNotContain("unused");
  }
}
