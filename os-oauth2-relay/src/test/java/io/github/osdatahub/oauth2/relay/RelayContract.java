package io.github.osdatahub.oauth2.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.jdk.JdkHttpTransport;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import io.github.osdatahub.oauth2.testkit.ManualTimeSource;
import io.github.osdatahub.oauth2.testkit.TokenFault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The relay's HTTP behaviour, run against each adapter on a real server: a provider with the JDK
 * transport fetches tokens from FakeOsDataHub over loopback, and the fake, the provider and the relay
 * share one manual clock, so lifetimes pass in moments and every count is exact.
 */
abstract class RelayContract {
  static final ManualTimeSource time = new ManualTimeSource();

  @RegisterExtension
  static FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> b.timeSource(time));

  private static final Gson GSON = new Gson();

  private final List<AutoCloseable> toClose = new ArrayList<>();
  CachingTokenProvider provider;

  /** Serves the relay with the adapter under test on 127.0.0.1; returns {@code http://127.0.0.1:port}. */
  abstract URI serve(TokenRelay relay, List<AutoCloseable> toClose) throws Exception;

  /** The type of the server's own request object that {@link RelayRequest#unwrap} gives the session check. */
  abstract Class<?> serverRequestType();

  @BeforeEach
  void defaultProvider() {
    provider = provider(b -> b);
  }

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(toClose);
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  CachingTokenProvider provider(UnaryOperator<OsOAuth2.Builder> settings) {
    return provider(settings, JdkHttpTransport.create());
  }

  CachingTokenProvider provider(UnaryOperator<OsOAuth2.Builder> settings, HttpTransport transport) {
    toClose.add(transport);
    CachingTokenProvider p = settings.apply(OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri())
        .transport(transport).jsonCodec(GsonJsonCodec.create()).timeSource(time)).build();
    toClose.add(p);
    return p;
  }

  URI start(UnaryOperator<TokenRelay.Builder> settings) throws Exception {
    return serve(settings.apply(TokenRelay.builder(provider).timeSource(time)).build(), toClose);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(RawHttp.Answer answer) {
    return GSON.fromJson(answer.bodyText(), Map.class);
  }

  static String ownOrigin(URI base) {
    return "http://" + base.getHost() + ":" + base.getPort();
  }

  // ---- the answer ------------------------------------------------------------------------------

  @Test
  void answersInOsShapeWithTheRemainingLifetimeRoundedDown() throws Exception {
    URI base = start(b -> b);
    RawHttp.Answer first = RawHttp.get(base);
    String token = provider.token().value();
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.bodyText()).isEqualTo("{\"access_token\":\"" + token + "\",\"expires_in\":\"299\",\"issued_at\":\""
        + time.currentTimeMillis() + "\",\"token_type\":\"Bearer\"}");

    time.advance(Duration.ofMillis(100_600)); // 198.4 s left
    RawHttp.Answer later = RawHttp.get(base);
    assertThat(later.bodyText()).isEqualTo("{\"access_token\":\"" + token + "\",\"expires_in\":\"198\",\"issued_at\":\""
        + time.currentTimeMillis() + "\",\"token_type\":\"Bearer\"}");
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void everyAnswerIsNoStoreJsonWithoutCookies() throws Exception {
    URI base = start(b -> b.rateLimit(1, Duration.ofMinutes(1)));
    List<RawHttp.Answer> answers = List.of(
        RawHttp.get(base),                                          // 200
        RawHttp.get(base),                                          // 429
        RawHttp.get(base, "Origin: https://elsewhere.example"),     // 403
        RawHttp.exchange(base, "POST", TokenRelay.DEFAULT_PATH));   // 405
    assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(200, 429, 403, 405);
    for (RawHttp.Answer a : answers) {
      assertThat(a.header("Cache-Control")).as("status %d", a.status()).isEqualTo("no-store");
      assertThat(a.header("Pragma")).as("status %d", a.status()).isEqualTo("no-cache");
      assertThat(a.header("Content-Type")).as("status %d", a.status()).isEqualTo("application/json");
      assertThat(a.headers()).as("status %d", a.status()).doesNotContainKey("Set-Cookie");
      assertThat(json(a)).isNotEmpty();
    }
  }

  @Test
  void headHasTheHeadersAndNoBody() throws Exception {
    URI base = start(b -> b);
    RawHttp.Answer head = RawHttp.exchange(base, "HEAD", TokenRelay.DEFAULT_PATH);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Cache-Control")).isEqualTo("no-store");
    assertThat(head.header("Content-Type")).isEqualTo("application/json");
    assertThat(head.body()).isEmpty();
    assertThat(new String(head.raw(), StandardCharsets.ISO_8859_1)).doesNotContain(provider.token().value());
  }

  // ---- never under the minimum ------------------------------------------------------------------

  @Test
  void renewsFirstWhenTheCachedTokenHasLessThanTheMinimumLeft() throws Exception {
    URI base = start(b -> b);
    String first = (String) json(RawHttp.get(base)).get("access_token");
    time.advance(Duration.ofSeconds(250)); // 49 s left: the cache is in its refresh-ahead window and still serves it

    Map<String, Object> renewed = json(RawHttp.get(base));
    assertThat(renewed.get("access_token")).isNotEqualTo(first);
    assertThat(renewed.get("expires_in")).isEqualTo("299");
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void neverHandsOutLessThanTheMinimumLeftOverThreeLifetimes() throws Exception {
    URI base = start(b -> b);
    Set<Object> tokens = new HashSet<>();
    for (int second = 0; second <= 900; second += 10) {
      Map<String, Object> answer = json(RawHttp.get(base));
      long left = Long.parseLong((String) answer.get("expires_in"));
      assertThat(left).as("at %d s", second).isBetween(60L, 299L);
      tokens.add(answer.get("access_token"));
      time.advance(Duration.ofSeconds(10));
    }
    assertThat(tokens).hasSizeGreaterThanOrEqualTo(4); // 900 s of 299 s tokens renewed at least 60 s early
  }

  @Test
  void shortTokensUseAQuarterOfTheirLifetimeAsTheMinimum() throws Exception {
    hub.get().tokenLifetime(Duration.ofSeconds(6)); // the demo's tokens: the minimum is 1.5 s, not 60 s
    URI base = start(b -> b);
    Map<String, Object> first = json(RawHttp.get(base));
    assertThat(first.get("expires_in")).isEqualTo("6");

    time.advance(Duration.ofSeconds(4)); // 2 s left: enough
    Map<String, Object> same = json(RawHttp.get(base));
    assertThat(same.get("access_token")).isEqualTo(first.get("access_token"));
    assertThat(same.get("expires_in")).isEqualTo("2");

    time.advance(Duration.ofMillis(600)); // 1.4 s left: renewed first
    Map<String, Object> renewed = json(RawHttp.get(base));
    assertThat(renewed.get("access_token")).isNotEqualTo(first.get("access_token"));
    assertThat(renewed.get("expires_in")).isEqualTo("6");
  }

  // ---- failures ---------------------------------------------------------------------------------

  @Test
  void aFailingEndpointInTheRefreshWindowGets503NotAShortToken() throws Exception {
    URI base = start(b -> b);
    String token = (String) json(RawHttp.get(base)).get("access_token");
    hub.failNextTokenRequests(5, TokenFault.status(400, "{\"ErrorCode\":\"invalid_request\",\"Error\":\"upstream words\"}"));
    time.advance(Duration.ofSeconds(250)); // 49 s left, and every renewal fails

    RawHttp.Answer answer = RawHttp.get(base);
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.bodyText()).isEqualTo("{\"error\":\"temporarily_unavailable\","
        + "\"error_description\":\"no access token is available just now; try again later\"}");
    assertThat(answer.header("Retry-After")).isEqualTo("5");
    assertThat(new String(answer.raw(), StandardCharsets.ISO_8859_1)).doesNotContain(token).doesNotContain("upstream");
  }

  @Test
  void aRateLimitedEndpointGets503WithTheWaitItAskedFor() throws Exception {
    // Over the 30 s a fetch waits, so not retried: the provider fails at once with Retry-After 60 s.
    hub.failNextTokenRequests(1, TokenFault.status(429, "{\"ErrorCode\":\"rate\",\"Error\":\"upstream words\"}")
        .withHeader("Retry-After", "60"));
    URI base = start(b -> b);
    RawHttp.Answer answer = RawHttp.get(base);
    assertThat(answer.status()).isEqualTo(503);
    assertThat(json(answer)).containsEntry("error", "temporarily_unavailable");
    assertThat(answer.header("Retry-After")).isEqualTo("60");
    assertThat(answer.bodyText()).doesNotContain("upstream").doesNotContain("rate\"");
  }

  // ---- who may ask ------------------------------------------------------------------------------

  @Test
  void aForeignOriginGets403WithoutAToken() throws Exception {
    URI base = start(b -> b);
    String token = (String) json(RawHttp.get(base)).get("access_token");
    for (String origin : List.of("https://elsewhere.example", "http://127.0.0.1:" + (base.getPort() + 1),
        "https://127.0.0.1:" + base.getPort() + ".evil.example", "null")) {
      RawHttp.Answer answer = RawHttp.get(base, "Origin: " + origin);
      assertThat(answer.status()).as(origin).isEqualTo(403);
      assertThat(json(answer)).as(origin).containsEntry("error", "access_denied");
      assertThat(answer.headers()).as(origin).doesNotContainKey("Access-Control-Allow-Origin");
      assertThat(new String(answer.raw(), StandardCharsets.ISO_8859_1)).as(origin).doesNotContain(token);
    }
  }

  @Test
  void theSameOriginIsAnsweredWithoutCorsHeaders() throws Exception {
    URI base = start(b -> b);
    RawHttp.Answer ip = RawHttp.get(base, "Origin: " + ownOrigin(base), "Sec-Fetch-Site: same-origin");
    RawHttp.Answer named = RawHttp.get(base, "Host: LocalHost:" + base.getPort(),
        "Origin: http://localhost:" + base.getPort());
    for (RawHttp.Answer answer : List.of(ip, named)) {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.headers()).doesNotContainKey("Access-Control-Allow-Origin");
    }
  }

  @Test
  void fetchMetadataFromAnotherSiteWithoutAnAllowedOriginGets403() throws Exception {
    URI base = start(b -> b);
    assertThat(RawHttp.get(base, "Sec-Fetch-Site: cross-site").status()).isEqualTo(403);
    assertThat(RawHttp.get(base, "Sec-Fetch-Site: same-site").status()).isEqualTo(403);
    // A page of this origin that sends no Origin (a same-origin GET), and a client that is no browser (curl).
    assertThat(RawHttp.get(base, "Sec-Fetch-Site: same-origin").status()).isEqualTo(200);
    assertThat(RawHttp.get(base, "Sec-Fetch-Site: none").status()).isEqualTo(200);
    assertThat(RawHttp.get(base).status()).isEqualTo(200);
  }

  @Test
  void anAllowListedOriginIsAnsweredWithCorsHeaders() throws Exception {
    URI base = start(b -> b.allowedOrigins("https://maps.example.com", "http://localhost:8080"));
    RawHttp.Answer answer = RawHttp.get(base, "Origin: https://maps.example.com", "Sec-Fetch-Site: cross-site");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo("https://maps.example.com");
    assertThat(answer.header("Vary")).isEqualTo("Origin");
    assertThat(answer.header("Access-Control-Expose-Headers")).isEqualTo("Retry-After");
    assertThat(json(answer)).containsKey("access_token");

    assertThat(RawHttp.get(base, "Origin: https://other.example.com", "Sec-Fetch-Site: cross-site").status())
        .isEqualTo(403);
  }

  @Test
  void theSessionCheckDecidesAndSeesTheServersRequest() throws Exception {
    AtomicReference<Object> seen = new AtomicReference<>();
    URI base = start(b -> b.sessionCheck(request -> {
      seen.set(request.unwrap(serverRequestType()).orElse(null));
      return request.header("Cookie").orElse("").contains("session=signed-in");
    }));
    RawHttp.Answer refused = RawHttp.get(base, "Cookie: session=stranger");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(json(refused)).containsEntry("error", "access_denied").doesNotContainKey("access_token");
    assertThat(hub.tokenRequestCount()).isZero();

    assertThat(RawHttp.get(base, "Cookie: session=signed-in").status()).isEqualTo(200);
    assertThat(seen.get()).isInstanceOf(serverRequestType());
  }

  @Test
  void aSessionCheckThatThrowsGets500WithoutAToken() throws Exception {
    URI base = start(b -> b.sessionCheck(request -> {
      throw new IllegalStateException("session store down: secret detail");
    }));
    RawHttp.Answer answer = RawHttp.get(base);
    assertThat(answer.status()).isEqualTo(500);
    assertThat(json(answer)).containsEntry("error", "server_error");
    assertThat(answer.bodyText()).doesNotContain("secret detail");
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void onlyGetAndHeadAreAnswered() throws Exception {
    URI base = start(b -> b);
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
      RawHttp.Answer answer = RawHttp.exchange(base, method, TokenRelay.DEFAULT_PATH);
      assertThat(answer.status()).as(method).isEqualTo(405);
      assertThat(answer.header("Allow")).as(method).isEqualTo("GET, HEAD");
      assertThat(json(answer)).as(method).containsEntry("error", "invalid_request");
    }
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void theRateLimitAnswers429WithRetryAfterUntilTheWindowEnds() throws Exception {
    URI base = start(b -> b.rateLimit(2, Duration.ofMinutes(1)));
    assertThat(RawHttp.get(base).status()).isEqualTo(200);
    assertThat(RawHttp.get(base).status()).isEqualTo(200);
    RawHttp.Answer limited = RawHttp.get(base);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("60");
    assertThat(json(limited)).containsEntry("error", "slow_down").doesNotContainKey("access_token");

    time.advance(Duration.ofMillis(30_500));
    assertThat(RawHttp.get(base).header("Retry-After")).isEqualTo("30"); // 29.5 s, rounded up
    time.advance(Duration.ofMillis(29_500));
    assertThat(RawHttp.get(base).status()).isEqualTo(200);
  }

  // ---- load -------------------------------------------------------------------------------------

  @Test
  void aThousandConcurrentRequestsCostOneTokenRequest() throws Exception {
    int requests = 1000;
    // The token request is held until every relay request has reached the relay, so all 1,000 are in flight
    // together, whatever the machine's speed.
    CompletableFuture<Void> allArrived = new CompletableFuture<>();
    AtomicInteger arrived = new AtomicInteger();
    HttpTransport real = JdkHttpTransport.create();
    provider = provider(b -> b, new HttpTransport() {
      @Override
      public TransportResponse send(TokenRequest request, Duration timeout) {
        return sendAsync(request, timeout).join();
      }

      @Override
      public CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout) {
        return allArrived.thenCompose(ready -> real.sendAsync(request, timeout));
      }

      @Override
      public void close() {
        real.close();
      }
    });
    URI base = start(b -> b.sessionCheck(request -> {
      if (arrived.incrementAndGet() == requests) {
        allArrived.complete(null);
      }
      return true;
    }));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest get = HttpRequest.newBuilder(base.resolve(TokenRelay.DEFAULT_PATH)).build();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      answers.add(client.sendAsync(get, HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES); // a hang guard only

    Set<Object> tokens = new HashSet<>();
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertThat(answer.join().statusCode()).isEqualTo(200);
      tokens.add(GSON.fromJson(answer.join().body(), Map.class).get("access_token"));
    }
    assertThat(arrived.get()).isEqualTo(requests);
    assertThat(tokens).hasSize(1);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  // ---- secrets ----------------------------------------------------------------------------------

  @Test
  void noAnswerByteHoldsTheSecretOrABasicHeader() throws Exception {
    String basic = Base64.getEncoder().encodeToString((hub.key() + ":" + hub.secret()).getBytes(StandardCharsets.UTF_8));
    List<String> forbidden = List.of(hub.secret(), hub.key() + ":" + hub.secret(), basic, "Basic");
    assertThat(leaks(("x Basic " + basic).getBytes(StandardCharsets.ISO_8859_1), forbidden))
        .as("the scan finds what it looks for").isNotEmpty();

    URI base = start(b -> b.rateLimit(3, Duration.ofMinutes(1)).allowedOrigins("https://maps.example.com"));
    List<RawHttp.Answer> answers = new ArrayList<>();
    answers.add(RawHttp.get(base));
    answers.add(RawHttp.exchange(base, "HEAD", TokenRelay.DEFAULT_PATH));
    answers.add(RawHttp.get(base, "Origin: https://maps.example.com"));
    answers.add(RawHttp.get(base)); // 429
    answers.add(RawHttp.get(base, "Origin: https://elsewhere.example")); // 403
    answers.add(RawHttp.exchange(base, "POST", TokenRelay.DEFAULT_PATH)); // 405
    // An endpoint that echoes the credentials in its error body: the 503 must not pass any of it on.
    time.advance(Duration.ofMinutes(1)); // a new rate window
    hub.failNextTokenRequests(1, TokenFault.status(401, "{\"ErrorCode\":\"invalid_client\",\"Error\":\""
        + hub.secret() + " Basic " + basic + "\"}"));
    provider.invalidate(provider.token());
    answers.add(RawHttp.get(base));
    assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(200, 200, 200, 429, 403, 405, 503);
    for (RawHttp.Answer answer : answers) {
      assertThat(leaks(answer.raw(), forbidden)).as("status %d", answer.status()).isEmpty();
    }
  }

  static List<String> leaks(byte[] raw, List<String> forbidden) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    return forbidden.stream().filter(text::contains).toList();
  }
}
