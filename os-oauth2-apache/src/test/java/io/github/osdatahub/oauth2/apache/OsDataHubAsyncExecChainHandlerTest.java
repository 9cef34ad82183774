package io.github.osdatahub.oauth2.apache;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import io.github.osdatahub.oauth2.testkit.RecordedRequest;
import io.github.osdatahub.oauth2.testkit.TokenFault;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The async exec-chain handler in a real async client with one I/O reactor thread, against
 * FakeOsDataHub.
 */
class OsDataHubAsyncExecChainHandlerTest {
  private FakeOsDataHub hub;
  private FakeOsDataHub other; // another host: 127.0.0.2, out of scope
  private ApacheHttpTransport transport;
  private CachingTokenProvider provider;
  private CloseableHttpAsyncClient client;

  @BeforeEach
  void start() {
    hub = FakeOsDataHub.builder().noRateLimit().start();
    other = FakeOsDataHub.builder().bindAddress("127.0.0.2").noRateLimit().start();
    transport = ApacheHttpTransport.create();
    provider = providerFor(ProjectCredentials.of(hub.key(), hub.secret()));
    client = authorizedClient(provider, hub.tokenScope());
  }

  @AfterEach
  void stop() {
    client.close(CloseMode.IMMEDIATE);
    provider.close();
    transport.close();
    other.close();
    hub.close();
  }

  private CachingTokenProvider providerFor(ProjectCredentials credentials) {
    return OsOAuth2.builder(credentials).endpoint(hub.tokenUri()).transport(transport)
        .jsonCodec(GsonJsonCodec.create()).build();
  }

  /** A started client with a single I/O reactor thread: anything blocking it would stall every exchange. */
  private static CloseableHttpAsyncClient authorizedClient(TokenProvider tokens, TokenScope scope) {
    return authorizedClient(HttpAsyncClients.custom(), tokens, scope);
  }

  private static CloseableHttpAsyncClient authorizedClient(HttpAsyncClientBuilder builder, TokenProvider tokens,
      TokenScope scope) {
    return started(OsDataHubExecChain.installOn(builder, tokens, scope), 100);
  }

  private static CloseableHttpAsyncClient started(HttpAsyncClientBuilder builder, int connectionsPerRoute) {
    builder.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(connectionsPerRoute).setMaxConnTotal(200).build())
        .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build());
    CloseableHttpAsyncClient c = builder.build();
    c.start();
    return c;
  }

  private Future<SimpleHttpResponse> send(URI uri) {
    return client.execute(SimpleRequestBuilder.get(uri).build(), null);
  }

  private int get(URI uri) throws Exception {
    return send(uri).get(30, SECONDS).getCode();
  }

  private static List<String> authorizations(List<RecordedRequest> requests) {
    return requests.stream().map(r -> r.header("Authorization").orElse("(none)")).collect(Collectors.toList());
  }

  private static List<Integer> statuses(List<Future<SimpleHttpResponse>> futures) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (Future<SimpleHttpResponse> f : futures) {
      statuses.add(f.get(30, SECONDS).getCode());
    }
    return statuses;
  }

  @Test
  void hundredCallsFromOneThreadOnAColdProviderMakeOneTokenRequest() throws Exception {
    List<Future<SimpleHttpResponse>> futures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      futures.add(send(hub.namesUri("Southampton")));
    }

    assertThat(statuses(futures)).hasSize(100).containsOnly(200);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.apiRequestCount()).isEqualTo(100);
    assertThat(authorizations(hub.apiRequests())).hasSize(100).containsOnly(provider.token().authorizationHeader());
  }

  @Test
  void tokensExpiredMidRunAreRecoveredWithOneRetryEachAndOneTokenRequest() throws Exception {
    assertThat(get(hub.namesUri("warm"))).isEqualTo(200);
    String old = provider.token().authorizationHeader();
    hub.expireAllTokens();

    List<Future<SimpleHttpResponse>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      futures.add(send(hub.namesUri("Southampton")));
    }

    assertThat(statuses(futures)).hasSize(20).containsOnly(200);
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
    String fresh = provider.token().authorizationHeader();
    List<String> afterExpiry = authorizations(hub.apiRequests()).subList(1, hub.apiRequestCount());
    long rejected = afterExpiry.stream().filter(old::equals).count();
    long accepted = afterExpiry.stream().filter(fresh::equals).count();
    assertThat(rejected).isBetween(1L, 20L);
    assertThat(accepted).isEqualTo(20);
    assertThat(afterExpiry).hasSize((int) (rejected + accepted));
    assertThat(provider.stats().invalidations()).isEqualTo(1);
  }

  @Test
  void aRedirectToTheSameServerUnderAnotherNameCarriesNoToken() throws Exception {
    URI target = hub.namesUri("Southampton");
    hub.redirect("/moved", URI.create("http://localhost:" + target.getPort() + target.getRawPath() + "?"
        + target.getRawQuery()));

    assertThat(get(hub.baseUri().resolve("/moved"))).isEqualTo(401);

    List<RecordedRequest> seen = hub.apiRequests();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).header("Authorization")).isPresent();
    assertThat(seen.get(1).header("Authorization")).isEmpty();
  }

  @Test
  void theTokenGoesByTheHostApacheConnectsToNotByTheRequestUri() throws Exception {
    // The request names https://api.os.uk; Apache is told to connect to 127.0.0.2 over plain http.
    ScriptedTokenProvider tokens = ScriptedTokenProvider.renewing();
    client.close(CloseMode.IMMEDIATE);
    client = authorizedClient(tokens, TokenScope.defaults());
    try (RecordingServer plain = RecordingServer.start("127.0.0.2", 200)) {
      SimpleHttpResponse answer = client.execute(new HttpHost("http", "127.0.0.2", plain.port()),
          SimpleRequestProducer.create(SimpleRequestBuilder.get("https://api.os.uk/search/names/v1/find?query=x")
              .build()), SimpleResponseConsumer.create(), null, null, null).get(30, SECONDS);

      assertThat(answer.getCode()).isEqualTo(200);
      assertThat(plain.requests()).hasSize(1);
      assertThat(plain.requests().get(0).authorization).isEmpty();
      assertThat(tokens.tokenCalls()).isZero();
    }
  }

  @Test
  void throughAProxyAPlainHttpRequestCarriesNoToken() throws Exception {
    ScriptedTokenProvider tokens = ScriptedTokenProvider.renewing();
    try (RecordingServer proxy = RecordingServer.start("127.0.0.2", 200)) {
      client.close(CloseMode.IMMEDIATE);
      client = authorizedClient(HttpAsyncClients.custom().setProxy(new HttpHost("127.0.0.2", proxy.port())), tokens,
          TokenScope.of("127.0.0.1"));

      assertThat(get(URI.create("http://127.0.0.1:9/x"))).isEqualTo(200);

      assertThat(proxy.requests()).hasSize(1);
      assertThat(proxy.requests().get(0).authorization).isEmpty();
      assertThat(tokens.tokenCalls()).isZero();
    }
  }

  @Test
  void theTokenNeverGoesInAConnect() throws Exception {
    try (RefusingProxy proxy = RefusingProxy.start("127.0.0.2")) {
      client.close(CloseMode.IMMEDIATE);
      client = authorizedClient(HttpAsyncClients.custom().setProxy(proxy.host()), ScriptedTokenProvider.renewing(),
          TokenScope.defaults());
      try {
        get(URI.create("https://api.os.uk/search/names/v1/find?query=x"));
      } catch (ExecutionException refused) {
        // the proxy refused the tunnel: all that matters is what the CONNECT carried
      }

      assertThat(proxy.heads()).hasSize(1);
      assertThat(proxy.heads().get(0)).startsWith("CONNECT api.os.uk:443 ")
          .doesNotContainIgnoringCase("authorization:").doesNotContain("Bearer");
    }
  }

  @Test
  void aCallersOwnHeaderIsKeptOnAReusedContextEvenWhenItHoldsTheLastTokenAdded() throws Exception {
    HttpClientContext context = HttpClientContext.create();
    assertThat(client.execute(SimpleRequestBuilder.get(hub.namesUri("warm")).build(), context, null)
        .get(30, SECONDS).getCode()).isEqualTo(200);
    String sdkToken = provider.token().authorizationHeader();

    client.execute(SimpleRequestBuilder.get(other.namesUri("Southampton")).setHeader("Authorization", sdkToken)
        .build(), context, null).get(30, SECONDS);

    assertThat(authorizations(other.apiRequests())).containsExactly(sdkToken);
  }

  @Test
  void aRedirectWithinScopeCarriesTheTokenOnEachHop() throws Exception {
    hub.redirect("/moved", hub.namesUri("Southampton"));

    assertThat(get(hub.baseUri().resolve("/moved"))).isEqualTo(200);

    assertThat(authorizations(hub.apiRequests())).hasSize(2).containsOnly(provider.token().authorizationHeader());
  }

  @Test
  void whileTheTokenEndpointTakesTwoSecondsTheReactorServesOtherExchanges() throws Exception {
    hub.failNextTokenRequests(1, TokenFault.delay(Duration.ofSeconds(2)));
    try (RecordingServer elsewhere = RecordingServer.start("127.0.0.2", 200)) {
      Future<SimpleHttpResponse> os = send(hub.namesUri("Southampton"));
      awaitTokenRequest();

      SimpleHttpResponse other = client.execute(SimpleRequestBuilder.get(elsewhere.uri("/elsewhere")).build(), null)
          .get(30, SECONDS);

      assertThat(other.getCode()).isEqualTo(200);
      assertThat(os.isDone()).as("the OS request is still waiting for its token").isFalse();
      assertThat(hub.apiRequestCount()).isZero();
      assertThat(os.get(30, SECONDS).getCode()).isEqualTo(200);
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void theTokenCanComeOverTheSameOneThreadReactorWithoutDeadlock() throws Exception {
    // The provider fetches tokens through the very client whose handler waits for them.
    AtomicReference<TokenProvider> late = new AtomicReference<>();
    client.close(CloseMode.IMMEDIATE);
    client = authorizedClient(new TokenProvider() {
      @Override
      public AccessToken token() {
        return late.get().token();
      }

      @Override
      public CompletableFuture<AccessToken> tokenAsync() {
        return late.get().tokenAsync();
      }

      @Override
      public void invalidate(AccessToken rejected) {
        late.get().invalidate(rejected);
      }
    }, hub.tokenScope());
    try (CachingTokenProvider sameReactor = OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri())
        .transport(ApacheHttpTransport.create(client)).jsonCodec(GsonJsonCodec.create()).build()) {
      late.set(sameReactor);

      List<Future<SimpleHttpResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(send(hub.namesUri("Southampton")));
      }

      assertThat(statuses(futures)).containsOnly(200);
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
      assertThat(hub.tokenRequests().get(0).header("Authorization").orElse("")).startsWith("Basic ");
    }
  }

  @Test
  void aPendingTokenHoldsOnlyItsOwnExchange() throws Exception {
    ScriptedTokenProvider held = ScriptedTokenProvider.renewing().hold();
    client.close(CloseMode.IMMEDIATE);
    client = authorizedClient(held, TokenScope.of("127.0.0.1"));
    try (RecordingServer api = RecordingServer.start("127.0.0.1", 200);
        RecordingServer elsewhere = RecordingServer.start("127.0.0.2", 200)) {
      Future<SimpleHttpResponse> waiting = send(api.uri("/os"));

      assertThat(get(elsewhere.uri("/elsewhere"))).isEqualTo(200);
      assertThat(waiting.isDone()).isFalse();
      assertThat(api.requests()).isEmpty();
      assertThat(held.heldCount()).isEqualTo(1);

      held.release();

      assertThat(waiting.get(30, SECONDS).getCode()).isEqualTo(200);
      assertThat(api.requests()).hasSize(1);
      assertThat(api.requests().get(0).authorization).contains("Bearer token-1");
    }
  }

  @Test
  void anExchangeCancelledWhileItsTokenIsPendingIsNeverSent() throws Exception {
    ScriptedTokenProvider held = ScriptedTokenProvider.renewing().hold();
    List<String> passedOn = new CopyOnWriteArrayList<>(); // what our element handed to the rest of the chain
    client.close(CloseMode.IMMEDIATE);
    // One connection per route: had the cancelled exchange gone out, it would hold that connection
    // until its answer came, so the later request could not be answered before the server saw it.
    client = started(OsDataHubExecChain.installOn(HttpAsyncClients.custom(), held, TokenScope.of("127.0.0.1"))
        .addExecInterceptorAfter(OsDataHubExecChain.ELEMENT_NAME, "passed-on", (request, entity, scope, chain, cb) -> {
          passedOn.add(request.getPath() + " " + request.getFirstHeader("Authorization"));
          chain.proceed(request, entity, scope, cb);
        }), 1);
    try (RecordingServer api = RecordingServer.start("127.0.0.1", 200)) {
      Future<SimpleHttpResponse> waiting = send(api.uri("/cancelled"));
      assertThat(held.heldCount()).isEqualTo(1);

      waiting.cancel(true);
      held.release(); // completes the pending token here, on this thread: a broken handler proceeds now
      assertThat(get(api.uri("/later"))).isEqualTo(200);

      assertThat(waiting.isCancelled()).isTrue();
      assertThat(passedOn).containsExactly("/later Authorization: Bearer token-1");
      assertThat(api.requests().stream().map(s -> s.path)).containsExactly("/later");
    }
  }

  @Test
  void aRepeatableBodyIsSentAgainAndAStreamedOneIsNot() throws Exception {
    ScriptedTokenProvider renewing = ScriptedTokenProvider.renewing();
    client.close(CloseMode.IMMEDIATE);
    client = authorizedClient(renewing, TokenScope.of("127.0.0.1"));
    try (RecordingServer api = RecordingServer.start("127.0.0.1", 401)) {
      SimpleHttpResponse repeatable = client.execute(SimpleRequestBuilder.post(api.uri("/repeatable"))
          .setBody("abc", ContentType.TEXT_PLAIN).build(), null).get(30, SECONDS);
      BasicHttpRequest post = new BasicHttpRequest(Method.POST, api.uri("/streamed"));
      SimpleHttpResponse streamed = client.execute(
          new BasicRequestProducer(post, new NonRepeatable(AsyncEntityProducers.create("xyz", ContentType.TEXT_PLAIN))),
          SimpleResponseConsumer.create(), null).get(30, SECONDS);

      assertThat(repeatable.getCode()).isEqualTo(401);
      assertThat(streamed.getCode()).isEqualTo(401);
      assertThat(api.requests().stream().map(s -> s.path)).containsExactly("/repeatable", "/repeatable", "/streamed");
      assertThat(api.requests().get(1).body).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
      assertThat(api.requests().stream().map(s -> s.authorization.orElse("")))
          .containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-2");
    }
  }

  private void awaitTokenRequest() throws InterruptedException {
    for (int i = 0; i < 10_000 && hub.tokenRequestCount() == 0; i++) {
      Thread.sleep(1);
    }
    assertThat(hub.tokenRequestCount()).as("the token request reached the hub").isEqualTo(1);
  }

  /** A request body that can be sent only once. */
  private static final class NonRepeatable implements AsyncEntityProducer {
    private final AsyncEntityProducer delegate;

    NonRepeatable(AsyncEntityProducer delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public void failed(Exception cause) {
      delegate.failed(cause);
    }

    @Override
    public long getContentLength() {
      return delegate.getContentLength();
    }

    @Override
    public String getContentType() {
      return delegate.getContentType();
    }

    @Override
    public String getContentEncoding() {
      return delegate.getContentEncoding();
    }

    @Override
    public boolean isChunked() {
      return delegate.isChunked();
    }

    @Override
    public Set<String> getTrailerNames() {
      return delegate.getTrailerNames();
    }

    @Override
    public int available() {
      return delegate.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
      delegate.produce(channel);
    }

    @Override
    public void releaseResources() {
      delegate.releaseResources();
    }
  }
}
