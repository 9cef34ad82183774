package io.github.osdatahub.oauth2.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialsRejectedException;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import io.github.osdatahub.oauth2.testkit.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The classic exec-chain handler in a real classic client, against FakeOsDataHub. */
class OsDataHubExecChainHandlerTest {
  private FakeOsDataHub hub;
  private FakeOsDataHub other; // another host: 127.0.0.2, out of scope
  private ApacheHttpTransport transport;
  private CachingTokenProvider provider;
  private CloseableHttpClient client;

  @BeforeEach
  void start() {
    hub = FakeOsDataHub.builder().noRateLimit().start();
    other = FakeOsDataHub.builder().bindAddress("127.0.0.2").noRateLimit().start();
    transport = ApacheHttpTransport.create();
    provider = providerFor(hub, hub.credentials());
    client = authorizedClient(HttpClients.custom(), hub.tokenScope());
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    provider.close();
    transport.close();
    other.close();
    hub.close();
  }

  private CachingTokenProvider providerFor(FakeOsDataHub tokenHub, ProjectCredentials credentials) {
    return OsOAuth2.builder(credentials).endpoint(tokenHub.tokenUri()).transport(transport)
        .jsonCodec(GsonJsonCodec.create()).build();
  }

  private CloseableHttpClient authorizedClient(HttpClientBuilder builder, TokenScope scope) {
    builder.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnPerRoute(100).setMaxConnTotal(200).build());
    return OsDataHubExecChain.installOn(builder, provider, scope).build();
  }

  private int call(HttpUriRequestBase request) throws IOException {
    return client.execute(request, response -> {
      EntityUtils.consume(response.getEntity());
      return response.getCode();
    });
  }

  private int get(URI uri) throws IOException {
    return call(new HttpGet(uri));
  }

  private static List<String> authorizations(List<RecordedRequest> requests) {
    return requests.stream().map(r -> r.header("Authorization").orElse("(none)")).collect(Collectors.toList());
  }

  private static List<Integer> concurrently(int calls, java.util.concurrent.Callable<Integer> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          return call.call();
        }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : futures) {
        statuses.add(f.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void hundredConcurrentCallsOnAColdProviderMakeOneTokenRequest() throws Exception {
    List<Integer> statuses = concurrently(100, () -> get(hub.namesUri("Southampton")));

    assertThat(statuses).hasSize(100).containsOnly(200);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.apiRequestCount()).isEqualTo(100);
    assertThat(authorizations(hub.apiRequests())).hasSize(100).containsOnly(provider.token().authorizationHeader());
  }

  @Test
  void tokensExpiredMidRunAreRecoveredWithOneRetryEachAndOneTokenRequest() throws Exception {
    assertThat(get(hub.namesUri("warm"))).isEqualTo(200);
    String old = provider.token().authorizationHeader();
    hub.expireAllTokens();

    List<Integer> statuses = concurrently(20, () -> get(hub.namesUri("Southampton")));

    assertThat(statuses).hasSize(20).containsOnly(200);
    assertThat(hub.tokenRequestCount()).isEqualTo(2); // exactly one extra
    String fresh = provider.token().authorizationHeader();
    assertThat(fresh).isNotEqualTo(old);
    List<String> afterExpiry = authorizations(hub.apiRequests()).subList(1, hub.apiRequestCount());
    long rejected = afterExpiry.stream().filter(old::equals).count();
    long accepted = afterExpiry.stream().filter(fresh::equals).count();
    assertThat(rejected).isBetween(1L, 20L); // each of these got a 401 ...
    assertThat(accepted).isEqualTo(20); // ... and every call ended with one success on the new token
    assertThat(afterExpiry).hasSize((int) (rejected + accepted));
    assertThat(provider.stats().invalidations()).isEqualTo(1);
  }

  @Test
  void aRedirectToTheSameServerUnderAnotherNameCarriesNoToken() throws Exception {
    URI sameServerOtherName = URI.create("http://localhost:" + hub.baseUri().getPort()
        + hub.namesUri("Southampton").getRawPath() + "?" + hub.namesUri("Southampton").getRawQuery());
    hub.redirect("/moved", sameServerOtherName);

    assertThat(get(hub.baseUri().resolve("/moved"))).isEqualTo(401);

    List<RecordedRequest> seen = hub.apiRequests();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).header("Authorization")).isPresent();
    assertThat(seen.get(1).header("Authorization")).isEmpty();
  }

  @Test
  void theTokenGoesByTheHostApacheConnectsToNotByTheRequestUri() throws Exception {
    // The request names https://api.os.uk; Apache is told to connect to 127.0.0.2 over plain http.
    try (RecordingServer plain = RecordingServer.start("127.0.0.2", 200)) {
      ScriptedTokenProvider tokens = ScriptedTokenProvider.renewing();
      try (CloseableHttpClient c = OsDataHubExecChain.installOn(HttpClients.custom(), tokens).build()) {
        int status = c.execute(new HttpHost("http", "127.0.0.2", plain.port()),
            new HttpGet("https://api.os.uk/search/names/v1/find?query=x"), response -> response.getCode());

        assertThat(status).isEqualTo(200);
        assertThat(plain.requests()).hasSize(1);
        assertThat(plain.requests().get(0).authorization).isEmpty();
        assertThat(tokens.tokenCalls()).isZero();
      }
    }
  }

  @Test
  void aRequestUriOutOfScopeGetsTheTokenWhenApacheConnectsToAHostInScope() throws Exception {
    try (RecordingServer api = RecordingServer.start("127.0.0.1", 200)) {
      ScriptedTokenProvider tokens = ScriptedTokenProvider.renewing();
      try (CloseableHttpClient c = OsDataHubExecChain.installOn(HttpClients.custom(), tokens, TokenScope.of("127.0.0.1"))
          .build()) {
        c.execute(new HttpHost("http", "127.0.0.1", api.port()), new HttpGet("http://127.0.0.2/x"),
            response -> response.getCode());

        assertThat(api.requests()).hasSize(1);
        assertThat(api.requests().get(0).authorization).contains("Bearer token-1");
      }
    }
  }

  @Test
  void throughAProxyAPlainHttpRequestCarriesNoToken() throws Exception {
    try (RecordingServer proxy = RecordingServer.start("127.0.0.2", 200)) {
      ScriptedTokenProvider tokens = ScriptedTokenProvider.renewing();
      try (CloseableHttpClient c = OsDataHubExecChain.installOn(
          HttpClients.custom().setProxy(new HttpHost("127.0.0.2", proxy.port())), tokens, TokenScope.of("127.0.0.1"))
          .build()) {
        int status = c.execute(new HttpGet("http://127.0.0.1:9/x"), response -> response.getCode());

        assertThat(status).isEqualTo(200); // the proxy answered: the target in scope, the bytes read by the proxy
        assertThat(proxy.requests()).hasSize(1);
        assertThat(proxy.requests().get(0).authorization).isEmpty();
        assertThat(tokens.tokenCalls()).isZero();
      }
    }
  }

  @Test
  void theTokenNeverGoesInAConnect() throws Exception {
    try (RefusingProxy proxy = RefusingProxy.start("127.0.0.2")) {
      try (CloseableHttpClient c = OsDataHubExecChain.installOn(HttpClients.custom().setProxy(proxy.host()),
          ScriptedTokenProvider.renewing()).build()) {
        try {
          c.execute(new HttpGet("https://api.os.uk/search/names/v1/find?query=x"), response -> response.getCode());
        } catch (IOException refused) {
          // the proxy refused the tunnel: all that matters is what the CONNECT carried
        }

        assertThat(proxy.heads()).hasSize(1);
        assertThat(proxy.heads().get(0)).startsWith("CONNECT api.os.uk:443 ")
            .doesNotContainIgnoringCase("authorization:").doesNotContain("Bearer");
      }
    }
  }

  @Test
  void aCallersOwnHeaderIsKeptOnAReusedContextEvenWhenItHoldsTheLastTokenAdded() throws Exception {
    HttpClientContext context = HttpClientContext.create();
    int warm = client.execute(new HttpGet(hub.namesUri("warm")), context, response -> response.getCode());
    assertThat(warm).isEqualTo(200);
    String sdkToken = provider.token().authorizationHeader();
    HttpGet own = new HttpGet(other.namesUri("Southampton"));
    own.setHeader("Authorization", sdkToken);

    client.execute(own, context, response -> response.getCode());

    assertThat(authorizations(other.apiRequests())).containsExactly(sdkToken);
  }

  @Test
  void aRedirectWithinScopeCarriesTheTokenOnEachHop() throws Exception {
    hub.redirect("/moved", hub.namesUri("Southampton"));

    assertThat(get(hub.baseUri().resolve("/moved"))).isEqualTo(200);

    assertThat(authorizations(hub.apiRequests())).hasSize(2).containsOnly(provider.token().authorizationHeader());
  }

  @Test
  void theTokenEndpointItselfNeverGetsTheBearerToken() throws Exception {
    get(hub.namesUri("warm"));

    assertThat(call(new HttpPost(hub.tokenUri()))).isNotEqualTo(200);

    assertThat(hub.tokenRequests()).hasSize(2);
    assertThat(hub.tokenRequests().get(1).header("Authorization")).isEmpty();
  }

  @Test
  void aRepeatableBodyIsSentAgainAndAStreamedOneIsNot() throws Exception {
    try (RecordingServer api = RecordingServer.start("127.0.0.1", 401)) {
      ScriptedTokenProvider renewing = ScriptedTokenProvider.renewing();
      try (CloseableHttpClient c = OsDataHubExecChain.installOn(HttpClients.custom(), renewing,
          TokenScope.of("127.0.0.1")).build()) {
        HttpPost repeatable = new HttpPost(api.uri("/repeatable"));
        repeatable.setEntity(new ByteArrayEntity("abc".getBytes(StandardCharsets.UTF_8), ContentType.TEXT_PLAIN));
        HttpPost streamed = new HttpPost(api.uri("/streamed"));
        streamed.setEntity(new InputStreamEntity(new ByteArrayInputStream("xyz".getBytes(StandardCharsets.UTF_8)),
            ContentType.TEXT_PLAIN));

        int first = c.execute(repeatable, response -> response.getCode());
        int second = c.execute(streamed, response -> response.getCode());

        assertThat(first).isEqualTo(401);
        assertThat(second).isEqualTo(401);

        List<String> paths = api.requests().stream().map(s -> s.path).collect(Collectors.toList());
        assertThat(paths).containsExactly("/repeatable", "/repeatable", "/streamed");
        assertThat(api.requests().get(1).body).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(api.requests().stream().map(s -> s.authorization.orElse("")))
            .containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-2");
      }
    }
  }

  @Test
  void theHandlerIsInPlaceWhenTheBuilderHasRedirectsAndRetriesDisabled() throws Exception {
    client.close();
    client = authorizedClient(HttpClients.custom().disableRedirectHandling().disableAutomaticRetries(),
        hub.tokenScope());

    assertThat(get(hub.namesUri("Southampton"))).isEqualTo(200);

    assertThat(hub.apiRequests().get(0).header("Authorization")).isPresent();
  }

  @Test
  void apachesOwnRetryStrategyRunsTheChainOnceMoreForAMissingTokenUnlessRetriesAreOff() throws Exception {
    // The missing-token IOException looks like any I/O failure to Apache's default
    // HttpRequestRetryStrategy, which sits above this element: the README says so.
    try (CachingTokenProvider wrongSecret = providerFor(hub, ProjectCredentials.of(hub.key(), "wrong-secret"))) {
      AtomicInteger asked = new AtomicInteger();
      TokenProvider counting = () -> {
        asked.incrementAndGet();
        return wrongSecret.token();
      };
      for (boolean retriesOn : new boolean[] {true, false}) {
        asked.set(0);
        HttpClientBuilder builder = retriesOn ? HttpClients.custom() : HttpClients.custom().disableAutomaticRetries();
        try (CloseableHttpClient c = OsDataHubExecChain.installOn(builder, counting, hub.tokenScope()).build()) {
          assertThatThrownBy(() -> c.execute(new HttpGet(hub.namesUri("Southampton")), response -> response.getCode()))
              .isExactlyInstanceOf(IOException.class).hasCauseInstanceOf(CredentialsRejectedException.class);
        }
        assertThat(asked).hasValue(retriesOn ? 2 : 1);
      }
      assertThat(hub.tokenRequestCount()).isEqualTo(1); // the provider remembers rejected credentials
      assertThat(hub.apiRequestCount()).isZero();
    }
  }

  @Test
  void theUsersRequestObjectIsNotChanged() throws Exception {
    HttpGet request = new HttpGet(hub.namesUri("Southampton"));

    assertThat(call(request)).isEqualTo(200);

    assertThat(request.getFirstHeader("Authorization")).isNull(); // the chain worked on a copy
    assertThat(hub.apiRequests().get(0).header("Authorization")).isPresent();
  }
}
