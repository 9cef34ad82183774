package io.github.osdatahub.oauth2.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import io.github.osdatahub.oauth2.testkit.contract.ScriptedApi.Answer;
import io.github.osdatahub.oauth2.testkit.contract.ScriptedApi.Seen;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every integration that authorizes a client's requests must show (the OkHttp
 * interceptor, the Apache exec-chain handlers, the JDK {@code OsDataHubHttpClient}): tokens only
 * to in-scope origins and never on a redirect that leaves the scope or lands on the token path;
 * the caller's own {@code Authorization} respected; one 401 answered by invalidating the token the
 * request carried and one retry; a storm of 401s costing one refresh; no loop; 403 and 429 passed
 * through; a missing token surfacing as an {@link IOException} caused by the SDK's
 * {@link OsOAuth2Exception}. Counts are exact.
 *
 * <p>The suite runs loopback APIs of its own (the JDK's {@code HttpServer} on {@code 127.0.0.1},
 * and on {@code 127.0.0.2} as another host) and a token provider it controls, which issues
 * {@code tok-1}, {@code tok-2}, ... An integration's test extends this class and says how to build
 * its client:
 *
 * <pre>{@code
 * class OsDataHubInterceptorContractTest extends AuthorizingClientContract {
 *   @Override
 *   protected Client client(TokenProvider provider, TokenScope scope) {
 *     OkHttpClient client = OsDataHubInterceptor.installOn(new OkHttpClient.Builder(), provider, scope).build();
 *     return (uri, headers) -> {
 *       Request.Builder request = new Request.Builder().url(uri.toString());
 *       headers.forEach(request::header);
 *       try (Response response = client.newCall(request.build()).execute()) {
 *         return response.code();
 *       }
 *     };
 *   }
 * }
 * }</pre>
 *
 * <p>The test methods are final, so no case can be weakened by an override; every integration of
 * this SDK passes all of them. Should one ever truly lack a capability, the suite gets a hook that
 * skips the cases needing it with an assumption (reported as skipped, never as passed), and that
 * module's README lists the gap.
 */
public abstract class AuthorizingClientContract {
  /** The longest one case may wait for the client; it catches hangs, it does not measure speed. */
  protected static final Duration HANG_GUARD = Duration.ofSeconds(60);

  private static final int STORM = 100;
  private static final String API = "/search/names/v1/find";
  private static final String SECRET = "contract-secret-8c1f";

  /**
   * One way of sending requests through the integration under test.
   */
  @FunctionalInterface
  public interface Client extends AutoCloseable {
    /**
     * Sends {@code GET uri} with these headers added by the caller, following redirects the way
     * the integration's client follows them, and returns the final answer's status. A failure
     * propagates as the integration reports it: thrown by a blocking call, or, for a future, as
     * {@link #await} rethrows the future's failure.
     *
     * @param uri where to send it
     * @param headers headers the caller sets (for example its own {@code Authorization})
     * @return the status of the answer the caller gets
     * @throws Exception as the integration reports a failure
     */
    int get(URI uri, Map<String, String> headers) throws Exception;

    /**
     * Releases what the driver created; nothing by default.
     *
     * @throws IOException when closing fails
     */
    @Override
    default void close() throws IOException {}
  }

  private final List<AutoCloseable> resources = new ArrayList<>();
  private ExecutorService callers;

  /** For subclasses. */
  protected AuthorizingClientContract() {}

  /**
   * The integration under test, installed on a new client of its library, with that library's
   * usual redirect following on.
   *
   * @param provider where tokens come from
   * @param scope where tokens may be sent
   * @return the client; closed by the suite after each case
   * @throws Exception when it cannot be built
   */
  protected abstract Client client(TokenProvider provider, TokenScope scope) throws Exception;

  /**
   * For drivers of asynchronous APIs: waits for the future and returns its value, or rethrows its
   * failure as it is: an {@link IOException} or unchecked exception unwrapped from the
   * {@link ExecutionException} once, nothing else changed.
   *
   * @param future the pending answer
   * @param <T> the value's type
   * @return the value
   * @throws IOException when the future failed with one
   * @throws InterruptedException when interrupted while waiting
   */
  protected static <T> T await(Future<T> future) throws IOException, InterruptedException {
    try {
      return future.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new AssertionError("the future failed with neither an IOException nor an unchecked exception", cause);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + HANG_GUARD, e);
    }
  }

  /** Starts the callers' threads. */
  @BeforeEach
  protected final void startCallers() {
    callers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "authorizing-contract-caller");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Closes the clients and servers the case started.
   *
   * @throws Exception when one fails to close
   */
  @AfterEach
  protected final void closeResources() throws Exception {
    callers.shutdownNow();
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  // ---- where the token goes

  /**
   * An in-scope origin gets {@code Authorization: Bearer tok-1}, once, and the provider is asked once.
   *
   * @throws Exception on failure
   */
  @Test
  public final void anInScopeOriginGetsTheToken() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi api = api(seen -> Answer.status(200));

    assertEquals(200, get(client(tokens, api), api.uri(API)));

    assertEquals(List.of(new Seen(API, List.of("Bearer tok-1"))), api.requests());
    assertEquals(1, tokens.asked());
  }

  /**
   * Another host gets no token, and the provider is not asked.
   *
   * @throws Exception on failure
   */
  @Test
  public final void anotherHostGetsNoToken() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi api = api(seen -> Answer.status(200));
    ScriptedApi otherHost = server("127.0.0.2", seen -> Answer.status(200));

    assertEquals(200, get(client(tokens, api), otherHost.uri(API)));

    assertEquals(List.of(new Seen(API, List.of())), otherHost.requests());
    assertEquals(0, tokens.asked());
  }

  /**
   * Another port of the in-scope host gets no token when the scope entry names a port.
   *
   * @throws Exception on failure
   */
  @Test
  public final void anotherPortGetsNoTokenWhenTheScopeNamesAPort() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi api = api(seen -> Answer.status(200));
    ScriptedApi otherPort = server("127.0.0.1", seen -> Answer.status(200));

    assertEquals(200, get(client(tokens, api), otherPort.uri(API)));

    assertEquals(List.of(new Seen(API, List.of())), otherPort.requests());
    assertEquals(0, tokens.asked());
  }

  /**
   * A request with the caller's own {@code Authorization} goes as the caller set it, with no
   * token added, the provider not asked, and its 401 returned without a retry or an invalidation.
   *
   * @throws Exception on failure
   */
  @Test
  public final void theCallersOwnAuthorizationIsSentAsItIs() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi api = api(seen -> Answer.status(401));

    assertEquals(401, get(client(tokens, api), api.uri(API), Map.of("Authorization", "Bearer callers-own")));

    assertEquals(List.of(new Seen(API, List.of("Bearer callers-own"))), api.requests());
    assertEquals(0, tokens.asked());
    assertEquals(List.of(), tokens.invalidated());
  }

  // ---- 401: invalidate the token the request carried, retry once

  /**
   * One 401 leads to an invalidation of exactly the token the request carried and one retry with
   * the new token.
   *
   * @throws Exception on failure
   */
  @Test
  public final void oneRejectionInvalidatesTheCarriedTokenAndRetriesOnceWithTheNewOne() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi api = api(seen -> Answer.status(seen.carries("tok-2") ? 200 : 401));

    assertEquals(200, get(client(tokens, api), api.uri(API)));

    assertEquals(List.of(new Seen(API, List.of("Bearer tok-1")), new Seen(API, List.of("Bearer tok-2"))),
        api.requests());
    assertEquals(List.of("tok-1"), tokens.invalidated());
    assertEquals(1, tokens.refreshes());
  }

  /**
   * When the provider has moved on to a new token while the request was in flight, the token the
   * request carried is invalidated (not the provider's current one), and the retry carries the
   * current one.
   *
   * @throws Exception on failure
   */
  @Test
  public final void theInvalidatedTokenIsTheOneTheRequestCarriedNotTheCurrentOne() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi api = api(seen -> {
      if (seen.carries("tok-1")) {
        tokens.refreshNow(); // a background refresh lands while the answer is on its way
        return Answer.status(401);
      }
      return Answer.status(seen.carries("tok-2") ? 200 : 401);
    });

    assertEquals(200, get(client(tokens, api), api.uri(API)));

    assertEquals(List.of(new Seen(API, List.of("Bearer tok-1")), new Seen(API, List.of("Bearer tok-2"))),
        api.requests());
    assertEquals(List.of("tok-1"), tokens.invalidated());
    assertEquals(1, tokens.refreshes()); // the background one only: invalidating tok-1 changed nothing
  }

  /**
   * A hundred concurrent requests rejected with the same token cause one refresh: a hundred
   * invalidations of that token, one new token, and each request retried once with it.
   *
   * @throws Exception on failure
   */
  @Test
  public final void aHundredConcurrentRejectionsOfOneTokenCauseOneRefresh() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    CountDownLatch allCarriedTok1 = new CountDownLatch(STORM);
    ScriptedApi api = api(seen -> {
      if (seen.carries("tok-1")) {
        // Hold every rejection until all hundred requests went out with tok-1: a real storm.
        allCarriedTok1.countDown();
        awaitQuietly(allCarriedTok1);
        return Answer.status(401);
      }
      return Answer.status(seen.carries("tok-2") ? 200 : 401);
    });
    Client client = client(tokens, api);

    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < STORM; i++) {
      calls.add(callers.submit(() -> client.get(api.uri(API), Map.of())));
    }
    for (Future<Integer> call : calls) {
      assertEquals(200, await(call));
    }

    List<Seen> seen = api.requests();
    assertEquals(STORM, seen.stream().filter(s -> s.carries("tok-1")).count());
    assertEquals(STORM, seen.stream().filter(s -> s.carries("tok-2")).count());
    assertEquals(2 * STORM, seen.size());
    assertEquals(STORM, tokens.invalidated().size());
    assertTrue(tokens.invalidated().stream().allMatch("tok-1"::equals), "only tok-1 was invalidated");
    assertEquals(1, tokens.refreshes());
  }

  /**
   * An API that rejects every token gets exactly two attempts, and the caller gets the second 401:
   * no loop, and the retry's token is not invalidated.
   *
   * @throws Exception on failure
   */
  @Test
  public final void anApiThatAlwaysRejectsGetsTwoAttemptsAndTheCallerGetsThe401() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi api = api(seen -> Answer.status(401));

    assertEquals(401, get(client(tokens, api), api.uri(API)));

    assertEquals(List.of(new Seen(API, List.of("Bearer tok-1")), new Seen(API, List.of("Bearer tok-2"))),
        api.requests());
    assertEquals(List.of("tok-1"), tokens.invalidated());
  }

  /**
   * A provider that has no other token after an invalidation: the request is not sent again with
   * the rejected token, and the caller gets the 401.
   *
   * @throws Exception on failure
   */
  @Test
  public final void aProviderWithNoOtherTokenMeansOneAttemptAndThe401() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.fixed();
    ScriptedApi api = api(seen -> Answer.status(401));

    assertEquals(401, get(client(tokens, api), api.uri(API)));

    assertEquals(List.of(new Seen(API, List.of("Bearer tok-1"))), api.requests());
    assertEquals(List.of("tok-1"), tokens.invalidated());
  }

  /**
   * A 403 (not in the project's plan) is returned as it is: one request, no invalidation.
   *
   * @throws Exception on failure
   */
  @Test
  public final void forbiddenPassesThroughUntouched() throws Exception {
    passesThroughUntouched(403);
  }

  /**
   * A 429 (rate limited) is returned as it is: one request, no invalidation.
   *
   * @throws Exception on failure
   */
  @Test
  public final void rateLimitedPassesThroughUntouched() throws Exception {
    passesThroughUntouched(429);
  }

  private void passesThroughUntouched(int status) throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi api = api(seen -> Answer.status(status));

    assertEquals(status, get(client(tokens, api), api.uri(API)));

    assertEquals(List.of(new Seen(API, List.of("Bearer tok-1"))), api.requests());
    assertEquals(List.of(), tokens.invalidated());
    assertEquals(1, tokens.asked());
  }

  // ---- redirects

  /**
   * A redirect to another host: the first hop carries the token, the hop to the other host none.
   *
   * @throws Exception on failure
   */
  @Test
  public final void aRedirectToAnotherHostCarriesNoToken() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi otherHost = server("127.0.0.2", seen -> Answer.status(200));
    ScriptedApi api = api(seen -> Answer.redirect(otherHost.uri(API)));

    assertEquals(200, get(client(tokens, api), api.uri("/moved")));

    assertEquals(List.of(new Seen("/moved", List.of("Bearer tok-1"))), api.requests());
    assertEquals(List.of(new Seen(API, List.of())), otherHost.requests());
  }

  /**
   * A redirect to another port of the in-scope host (the scope names one port) carries no token.
   *
   * @throws Exception on failure
   */
  @Test
  public final void aRedirectToAnotherPortCarriesNoToken() throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi otherPort = server("127.0.0.1", seen -> Answer.status(200));
    ScriptedApi api = api(seen -> Answer.redirect(otherPort.uri(API)));

    assertEquals(200, get(client(tokens, api), api.uri("/moved")));

    assertEquals(List.of(new Seen("/moved", List.of("Bearer tok-1"))), api.requests());
    assertEquals(List.of(new Seen(API, List.of())), otherPort.requests());
  }

  /**
   * A same-origin redirect onto {@code /oauth2/token/v1} carries no token, and that hop's 401 is not
   * taken for a rejection of our token (no invalidation, no retry).
   *
   * @throws Exception on failure
   */
  @Test
  public final void aRedirectOntoTheTokenPathCarriesNoToken() throws Exception {
    redirectOntoTheTokenPath("/oauth2/token/v1");
  }

  /**
   * The same for the token path spelt with dot segments, {@code /x/../oauth2/token/v1}.
   *
   * @throws Exception on failure
   */
  @Test
  public final void aRedirectOntoTheTokenPathSpeltWithDotSegmentsCarriesNoToken() throws Exception {
    redirectOntoTheTokenPath("/x/../oauth2/token/v1");
  }

  private void redirectOntoTheTokenPath(String tokenPath) throws Exception {
    CountingTokenProvider tokens = CountingTokenProvider.renewing();
    ScriptedApi[] self = new ScriptedApi[1];
    ScriptedApi api = api(seen -> seen.path().equals("/moved")
        ? Answer.redirect(URI.create(self[0].uri("") + tokenPath)) : Answer.status(401));
    self[0] = api;

    assertEquals(401, get(client(tokens, api), api.uri("/moved")));

    List<Seen> seen = api.requests();
    assertEquals(2, seen.size(), () -> "requests: " + seen);
    assertEquals(new Seen("/moved", List.of("Bearer tok-1")), seen.get(0));
    assertEquals(List.of(), seen.get(1).authorization(), "the token path hop's Authorization");
    assertFalse(seen.get(1).path().equals("/moved"));
    assertEquals(List.of(), tokens.invalidated());
    assertEquals(1, tokens.asked());
  }

  // ---- no token

  /**
   * When the provider has no token, the call fails with an {@link IOException} whose cause is the
   * provider's {@link OsOAuth2Exception} (that very one), whose message holds no secret or token,
   * and nothing is sent.
   *
   * @throws Exception on failure
   */
  @Test
  public final void aMissingTokenIsAnIOExceptionCausedByTheSdkException() throws Exception {
    OsOAuth2Exception rejected = rejectedCredentials();
    CountingTokenProvider tokens = CountingTokenProvider.failing(rejected);
    ScriptedApi api = api(seen -> Answer.status(200));
    Client client = client(tokens, api);

    IOException failure = assertThrows(IOException.class, () -> get(client, api.uri(API)));

    assertSame(rejected, failure.getCause());
    assertSecretFree(failure);
    assertEquals(List.of(), api.requests());
  }

  /**
   * When no new token can be had for the retry after a 401, the call fails the same way, after the
   * one attempt.
   *
   * @throws Exception on failure
   */
  @Test
  public final void aMissingTokenForTheRetryIsTheSameIOException() throws Exception {
    OsOAuth2Exception rejected = rejectedCredentials();
    CountingTokenProvider tokens = CountingTokenProvider.failingOnceInvalidated(rejected);
    ScriptedApi api = api(seen -> Answer.status(401));
    Client client = client(tokens, api);

    IOException failure = assertThrows(IOException.class, () -> get(client, api.uri(API)));

    assertSame(rejected, failure.getCause());
    assertSecretFree(failure);
    assertEquals(List.of(new Seen(API, List.of("Bearer tok-1"))), api.requests());
    assertEquals(List.of("tok-1"), tokens.invalidated());
  }

  private static void assertSecretFree(IOException failure) {
    String message = String.valueOf(failure.getMessage());
    assertFalse(message.contains(SECRET), "the message holds the secret: " + message);
    assertFalse(message.contains("tok-"), "the message holds a token: " + message);
  }

  /**
   * The core's own failure for a wrong secret, made by a real provider over a transport that
   * answers as the gateway does; exceptions are the core's to create.
   */
  private static OsOAuth2Exception rejectedCredentials() {
    byte[] gateway = "{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid\"}"
        .getBytes(StandardCharsets.UTF_8);
    HttpTransport refusing = new HttpTransport() {
      @Override
      public TransportResponse send(TokenRequest request, Duration timeout) {
        return TransportResponse.of(401, Map.of("Content-Type", List.of("application/json")), gateway);
      }

      @Override
      public CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout) {
        return CompletableFuture.completedFuture(send(request, timeout));
      }
    };
    try (var provider = OsOAuth2.builder(ProjectCredentials.of("contract-key", SECRET)).transport(refusing)
        .jsonCodec(json -> {
          throw new IllegalArgumentException("this contract reads no JSON; the error is quoted as text");
        }).build()) {
      provider.token();
      throw new AssertionError("a 401 from the token endpoint gave a token");
    } catch (OsOAuth2Exception e) {
      return e;
    }
  }

  // ---- plumbing

  private ScriptedApi api(Function<Seen, Answer> script) {
    return server("127.0.0.1", script);
  }

  private ScriptedApi server(String address, Function<Seen, Answer> script) {
    ScriptedApi server = ScriptedApi.start(address, script);
    resources.add(server);
    return server;
  }

  /** The client under test, scoped to the API's origin with its port named. */
  private Client client(CountingTokenProvider tokens, ScriptedApi api) throws Exception {
    Client client = client(tokens, TokenScope.of("127.0.0.1:" + api.port()));
    resources.add(client);
    return client;
  }

  private int get(Client client, URI uri) throws Exception {
    return get(client, uri, Map.of());
  }

  /** One call on a caller thread, bounded by the hang guard; its failure rethrown as it was. */
  private int get(Client client, URI uri, Map<String, String> headers) throws Exception {
    Future<Integer> call = callers.submit(() -> client.get(uri, headers));
    try {
      return call.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    } catch (TimeoutException e) {
      call.cancel(true);
      return fail("no answer within " + HANG_GUARD);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(HANG_GUARD.toSeconds() / 2, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not every request of the storm arrived");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
