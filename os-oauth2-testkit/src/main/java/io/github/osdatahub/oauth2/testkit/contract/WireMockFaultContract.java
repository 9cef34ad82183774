package io.github.osdatahub.oauth2.testkit.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.MalformedResponseException;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TransportFailureException;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.testkit.internal.GatewayJson;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An {@link HttpTransport}'s failures, each driven through the real token path (a
 * {@link CachingTokenProvider} given the transport) against WireMock, an HTTP server nobody here
 * wrote, with faults the testkit's own servers do not produce in the same way: a connection reset,
 * an empty answer, a malformed chunk, random bytes, and a body dribbled in chunks.
 *
 * <p>Each fault must reach the caller as core documents a token request that got no answer: a
 * {@link TransportFailureException}, on {@code token()} and on {@code tokenAsync()} alike, after
 * exactly {@link #ATTEMPTS} token requests (the retry policy's attempts per fetch), as WireMock's
 * request journal counts them. A body dribbled well inside the timeout must parse into the token it
 * carries, after one request.
 *
 * <p>An adapter's test extends this class and says how to make its transport; the test's class path
 * needs {@code org.wiremock:wiremock-standalone} (the testkit depends on it optionally):
 *
 * <pre>{@code
 * class OkHttpTransportWireMockTest extends WireMockFaultContract {
 *   @Override
 *   protected HttpTransport transport() {
 *     return OkHttpTransport.create();
 *   }
 * }
 * }</pre>
 *
 * <p>Every case is a {@code final} test method. No speed is asserted: timeouts are generous and
 * every wait is bounded by {@link #HANG_GUARD}, which only catches hangs.
 */
public abstract class WireMockFaultContract {
  /** The token requests one fetch makes when every one fails with no answer (core's retry policy). */
  protected static final int ATTEMPTS = 3;
  /** The attempt timeout for exchanges that should succeed. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** The attempt timeout for a body that dribbles for far longer ({@link #LONG_DRIBBLE}). */
  protected static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
  /** How long the slow body takes to arrive: twenty times {@link #SHORT_TIMEOUT}. */
  protected static final Duration LONG_DRIBBLE = Duration.ofSeconds(10);
  /** How long the timely body takes to arrive: far inside {@link #TIMEOUT}. */
  protected static final Duration SHORT_DRIBBLE = Duration.ofMillis(300);
  /** The longest any one case may take before it is reported as a hang. */
  protected static final Duration HANG_GUARD = Duration.ofSeconds(60);

  private static final String TOKEN_PATH = "/oauth2/token/v1";
  private static final ProjectCredentials CREDENTIALS = ProjectCredentials.of("contract-key", "contract-secret");
  private static final String TOKEN = "ZclClFcksJlZ19vnJOt09Yj3xme0";

  private static WireMockServer server;

  private HttpTransport transport;

  /** For subclasses. */
  protected WireMockFaultContract() {}

  /**
   * The transport under test. Called once per test; the suite closes it after the test (a transport
   * closes only what it created itself).
   *
   * @return the transport
   */
  protected abstract HttpTransport transport();

  /**
   * The JSON codec the provider parses token answers with. The default, null, lets the builder
   * discover one, as it does for users; override when the test's class path has none.
   *
   * @return a codec, or null to discover one
   */
  protected JsonCodec jsonCodec() {
    return null;
  }

  /**
   * How many requests one token attempt puts on the wire when the server closes the connection
   * without an answer ({@link Fault#EMPTY_RESPONSE}, {@link Fault#CONNECTION_RESET_BY_PEER}).
   * Override only for a transport whose client documents that it sends a POST again on a new
   * connection then, as {@code HttpURLConnection} does; the count stays exact either way.
   *
   * @return 1 unless the transport's client resends an unanswered POST
   */
  protected int requestsPerAttemptWhenClosedUnanswered() {
    return 1;
  }

  /**
   * Whether the transport sends {@code Connection: close} on a token request. A server may then
   * end a body by closing the connection instead of chunking it, and WireMock (Jetty) does: its
   * {@link Fault#MALFORMED_RESPONSE_CHUNK} becomes a well-formed 200 whose body is the garbage, which
   * core reports as a {@link MalformedResponseException} after one request (a 2xx is not retried).
   *
   * @return false unless the transport asks the server to close the connection after the answer
   */
  protected boolean sendsConnectionClose() {
    return false;
  }

  /** Starts the WireMock server shared by the class's cases, on loopback. */
  @BeforeAll
  static void startWireMock() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
        .gzipDisabled(true));
    server.start();
  }

  /** Stops the WireMock server. */
  @AfterAll
  static void stopWireMock() {
    if (server != null) {
      server.stop();
    }
  }

  /** Forgets the previous case's stubs and requests, and makes this case's transport. */
  @BeforeEach
  final void resetWireMock() {
    server.resetAll();
    transport = transport();
  }

  /** Closes this case's transport. */
  @AfterEach
  final void closeTransport() {
    transport.close();
  }

  // ---- faults: a TransportFailureException after exactly ATTEMPTS attempts

  /**
   * {@link Fault#CONNECTION_RESET_BY_PEER} on {@code token()}.
   */
  @Test
  public final void connectionResetIsATransportFailure() {
    assertFailsEveryAttempt(Fault.CONNECTION_RESET_BY_PEER, false);
  }

  /**
   * {@link Fault#CONNECTION_RESET_BY_PEER} on {@code tokenAsync()}.
   */
  @Test
  public final void asyncConnectionResetIsATransportFailure() {
    assertFailsEveryAttempt(Fault.CONNECTION_RESET_BY_PEER, true);
  }

  /**
   * {@link Fault#EMPTY_RESPONSE}: the connection closes with nothing sent.
   */
  @Test
  public final void emptyResponseIsATransportFailure() {
    assertFailsEveryAttempt(Fault.EMPTY_RESPONSE, false);
  }

  /**
   * {@link Fault#EMPTY_RESPONSE} on {@code tokenAsync()}.
   */
  @Test
  public final void asyncEmptyResponseIsATransportFailure() {
    assertFailsEveryAttempt(Fault.EMPTY_RESPONSE, true);
  }

  /**
   * {@link Fault#MALFORMED_RESPONSE_CHUNK}: a 200's headers, then a broken chunk and a close (but
   * see {@link #sendsConnectionClose()}).
   */
  @Test
  public final void malformedChunkIsATransportFailure() {
    assertMalformedChunk(false);
  }

  /**
   * {@link Fault#MALFORMED_RESPONSE_CHUNK} on {@code tokenAsync()}.
   */
  @Test
  public final void asyncMalformedChunkIsATransportFailure() {
    assertMalformedChunk(true);
  }

  /**
   * {@link Fault#RANDOM_DATA_THEN_CLOSE}: bytes that are not HTTP, then a close.
   */
  @Test
  public final void randomDataIsATransportFailure() {
    assertFailsEveryAttempt(Fault.RANDOM_DATA_THEN_CLOSE, false);
  }

  /**
   * {@link Fault#RANDOM_DATA_THEN_CLOSE} on {@code tokenAsync()}.
   */
  @Test
  public final void asyncRandomDataIsATransportFailure() {
    assertFailsEveryAttempt(Fault.RANDOM_DATA_THEN_CLOSE, true);
  }

  // ---- a dribbled body

  /**
   * A token answer dribbled in chunks over {@link #SHORT_DRIBBLE}, well inside the timeout, parses
   * into the token it carries, after one request.
   */
  @Test
  public final void bodyDribbledInTimeIsTheToken() {
    assertDribbledInTime(false);
  }

  /**
   * The same on {@code tokenAsync()}.
   */
  @Test
  public final void asyncBodyDribbledInTimeIsTheToken() {
    assertDribbledInTime(true);
  }

  /**
   * A token answer dribbled over {@link #LONG_DRIBBLE} to a provider whose attempts time out after
   * {@link #SHORT_TIMEOUT}: every attempt times out, a {@link TransportFailureException}.
   */
  @Test
  public final void bodyDribbledPastTheTimeoutTimesOut() {
    assertDribbledPastTimeout(false);
  }

  /**
   * The same on {@code tokenAsync()}.
   */
  @Test
  public final void asyncBodyDribbledPastTheTimeoutTimesOut() {
    assertDribbledPastTimeout(true);
  }

  // ---- shared checks

  private void assertFailsEveryAttempt(Fault fault, boolean async) {
    stubTokenEndpoint(aResponse().withFault(fault));
    boolean closedUnanswered = fault == Fault.EMPTY_RESPONSE || fault == Fault.CONNECTION_RESET_BY_PEER;
    int perAttempt = closedUnanswered ? requestsPerAttemptWhenClosedUnanswered() : 1;

    try (CachingTokenProvider provider = provider(TIMEOUT)) {
      Throwable failure = failureOf(provider, async);

      assertInstanceOf(TransportFailureException.class, failure, fault + " must be a transport failure, was "
          + failure);
      assertEquals(ATTEMPTS * perAttempt, tokenRequests(), fault + ": token requests on the wire");
      assertEquals(ATTEMPTS, provider.stats().tokenRequests(), fault + ": token requests the provider made");
    }
  }

  private void assertMalformedChunk(boolean async) {
    if (!sendsConnectionClose()) {
      assertFailsEveryAttempt(Fault.MALFORMED_RESPONSE_CHUNK, async);
      return;
    }
    stubTokenEndpoint(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

    try (CachingTokenProvider provider = provider(TIMEOUT)) {
      Throwable failure = failureOf(provider, async);

      assertInstanceOf(MalformedResponseException.class, failure, "a close-delimited 200 of garbage, was " + failure);
      assertEquals(200, ((MalformedResponseException) failure).status());
      assertEquals(1, tokenRequests(), "a 2xx is not retried");
    }
  }

  private void assertDribbledInTime(boolean async) {
    stubTokenEndpoint(tokenAnswer().withChunkedDribbleDelay(5, (int) SHORT_DRIBBLE.toMillis()));

    try (CachingTokenProvider provider = provider(TIMEOUT)) {
      AccessToken token = async ? await(provider.tokenAsync()) : assertTimeoutPreemptively(HANG_GUARD, provider::token);

      assertEquals(TOKEN, token.value());
      assertEquals(Duration.ofSeconds(299), token.lifetime());
      assertEquals(1, tokenRequests());
    }
  }

  private void assertDribbledPastTimeout(boolean async) {
    stubTokenEndpoint(tokenAnswer().withChunkedDribbleDelay(20, (int) LONG_DRIBBLE.toMillis()));

    try (CachingTokenProvider provider = provider(SHORT_TIMEOUT)) {
      Throwable failure = failureOf(provider, async);

      assertInstanceOf(TransportFailureException.class, failure, "a timeout must be a transport failure, was "
          + failure);
      assertEquals(ATTEMPTS, tokenRequests(), "token requests on the wire");
    }
  }

  private CachingTokenProvider provider(Duration attemptTimeout) {
    OsOAuth2.Builder builder = OsOAuth2.builder(CREDENTIALS)
        .endpoint(URI.create(server.baseUrl() + TOKEN_PATH))
        .transport(transport)
        .attemptTimeout(attemptTimeout);
    JsonCodec codec = jsonCodec();
    return (codec == null ? builder : builder.jsonCodec(codec)).build();
  }

  private static Throwable failureOf(CachingTokenProvider provider, boolean async) {
    if (!async) {
      return assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(RuntimeException.class, provider::token));
    }
    CompletableFuture<AccessToken> future = provider.tokenAsync();
    try {
      AccessToken token = future.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
      return fail("expected a failure, got a token of " + token.lifetime());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      return cause;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    } catch (TimeoutException e) {
      future.cancel(true);
      return fail("the future did not complete within the hang guard");
    }
  }

  private static AccessToken await(CompletableFuture<AccessToken> future) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> future.get());
  }

  private static ResponseDefinitionBuilder tokenAnswer() {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(GatewayJson.tokenAnswer(TOKEN, 299, System.currentTimeMillis(), false));
  }

  private static void stubTokenEndpoint(ResponseDefinitionBuilder answer) {
    server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(answer));
  }

  private static int tokenRequests() {
    return server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).size();
  }
}
