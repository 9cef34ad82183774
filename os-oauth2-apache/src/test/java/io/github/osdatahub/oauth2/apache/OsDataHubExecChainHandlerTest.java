package io.github.osdatahub.oauth2.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialsRejectedException;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
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
    return OsDataHubExecChain.addTo(builder, provider, scope).build();
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
  void aTokenTheApiKeepsRejectingGetsExactlyTwoAttemptsPerCallThenTheFourOhOne() throws Exception {
    // Tokens come from hub; the API is on `other`, which never issued them and rejects every one.
    client.close();
    client = authorizedClient(HttpClients.custom(), other.tokenScope());

    for (int i = 0; i < 3; i++) {
      assertThat(get(other.namesUri("Southampton"))).isEqualTo(401);
    }

    assertThat(other.apiRequestCount()).isEqualTo(6);
    assertThat(authorizations(other.apiRequests())).allMatch(a -> a.startsWith("Bearer "));
    assertThat(hub.tokenRequestCount()).isEqualTo(4); // the first token, then one fresh one per rejected call
  }

  @Test
  void aProviderWithNoOtherTokenIsNotAskedTwice() throws Exception {
    try (RecordingServer api = RecordingServer.start("127.0.0.1", 401)) {
      ScriptedTokenProvider fixed = ScriptedTokenProvider.fixed();
      try (CloseableHttpClient c = OsDataHubExecChain.addTo(HttpClients.custom(), fixed, TokenScope.of("127.0.0.1"))
          .build()) {
        int status = c.execute(new HttpGet(api.uri("/x")), response -> response.getCode());

        assertThat(status).isEqualTo(401);
        assertThat(api.requests()).hasSize(1); // the same token again would be rejected again: no retry
        assertThat(fixed.invalidated()).containsExactly(fixed.current());
      }
    }
  }

  @Test
  void aRequestToAnotherHostCarriesNoToken() throws Exception {
    assertThat(get(other.namesUri("Southampton"))).isEqualTo(401);

    assertThat(other.apiRequests()).hasSize(1);
    assertThat(other.apiRequests().get(0).header("Authorization")).isEmpty();
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void aRedirectToAnotherHostCarriesNoToken() throws Exception {
    hub.redirect("/moved", other.namesUri("Southampton"));

    assertThat(get(hub.baseUri().resolve("/moved"))).isEqualTo(401);

    assertThat(authorizations(hub.apiRequests())).containsExactly(provider.token().authorizationHeader());
    assertThat(other.apiRequests()).hasSize(1); // and no retry: that hop carried no token of ours
    assertThat(other.apiRequests().get(0).header("Authorization")).isEmpty();
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
      try (CloseableHttpClient c = OsDataHubExecChain.addTo(HttpClients.custom(), tokens).build()) {
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
      try (CloseableHttpClient c = OsDataHubExecChain.addTo(HttpClients.custom(), tokens, TokenScope.of("127.0.0.1"))
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
      try (CloseableHttpClient c = OsDataHubExecChain.addTo(
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
      try (CloseableHttpClient c = OsDataHubExecChain.addTo(HttpClients.custom().setProxy(proxy.host()),
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
  void aRedirectToAnotherPortOfAHostInScopeCarriesNoToken() throws Exception {
    try (FakeOsDataHub otherPort = FakeOsDataHub.builder().noRateLimit().start()) {
      client.close();
      client = authorizedClient(HttpClients.custom(), TokenScope.of(hub.host() + ":" + hub.port()));
      hub.redirect("/moved", otherPort.namesUri("Southampton"));

      assertThat(get(hub.baseUri().resolve("/moved"))).isEqualTo(401);

      assertThat(otherPort.host()).isEqualTo(hub.host());
      assertThat(authorizations(hub.apiRequests())).containsExactly(provider.token().authorizationHeader());
      assertThat(authorizations(otherPort.apiRequests())).containsExactly("(none)");
    }
  }

  @Test
  void aRedirectOntoTheTokenPathSpeltWithDotSegmentsCarriesNoToken() throws Exception {
    hub.redirect("/moved", URI.create("http://" + hub.host() + ":" + hub.port() + "/x/../oauth2/token/v1"));

    get(hub.baseUri().resolve("/moved"));

    assertThat(authorizations(hub.apiRequests())).containsExactly(provider.token().authorizationHeader());
    assertThat(hub.tokenRequests()).hasSize(2); // the provider's own, then the redirected hop
    assertThat(hub.tokenRequests().get(1).header("Authorization")).isEmpty();
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
  void forbiddenPassesThroughWithNoRefresh() throws Exception {
    hub.deniedApis("/maps/raster/");

    assertThat(get(hub.rasterTileUri("Road_3857", 7, 63, 42))).isEqualTo(403);

    assertThat(hub.apiRequestCount()).isEqualTo(1);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(provider.stats().invalidations()).isZero();
  }

  @Test
  void rateLimitedPassesThroughWithNoRefresh() throws Exception {
    // Apache's own default retry strategy waits out a 429's Retry-After and tries again; that is
    // Apache's choice, not ours, so it is off here to see what this handler does.
    client.close();
    client = authorizedClient(HttpClients.custom().disableAutomaticRetries(), hub.tokenScope());
    hub.rateLimitPerMinute(1);

    assertThat(get(hub.namesUri("one"))).isEqualTo(200);
    assertThat(get(hub.namesUri("two"))).isEqualTo(429);

    assertThat(hub.apiRequestCount()).isEqualTo(2);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(provider.stats().invalidations()).isZero();
  }

  @Test
  void theCallersOwnAuthorizationIsLeftAlone() throws Exception {
    HttpGet request = new HttpGet(hub.namesUri("Southampton"));
    request.setHeader("Authorization", "Bearer the-callers-own");

    assertThat(call(request)).isEqualTo(401);

    assertThat(authorizations(hub.apiRequests())).containsExactly("Bearer the-callers-own"); // and no retry
    assertThat(hub.tokenRequestCount()).isZero();
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
      try (CloseableHttpClient c = OsDataHubExecChain.addTo(HttpClients.custom(), renewing,
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
  void rejectedCredentialsSurfaceAsTheTypedException() throws Exception {
    provider.close();
    provider = providerFor(hub, ProjectCredentials.of(hub.key(), "wrong-secret"));
    client.close();
    client = authorizedClient(HttpClients.custom(), hub.tokenScope());

    assertThatThrownBy(() -> get(hub.namesUri("Southampton"))).isInstanceOf(CredentialsRejectedException.class)
        .hasMessageNotContaining("wrong-secret");
    assertThat(hub.apiRequestCount()).isZero();
  }

  @Test
  void theUsersRequestObjectIsNotChanged() throws Exception {
    HttpGet request = new HttpGet(hub.namesUri("Southampton"));

    assertThat(call(request)).isEqualTo(200);

    assertThat(request.getFirstHeader("Authorization")).isNull(); // the chain worked on a copy
    assertThat(hub.apiRequests().get(0).header("Authorization")).isPresent();
  }
}
