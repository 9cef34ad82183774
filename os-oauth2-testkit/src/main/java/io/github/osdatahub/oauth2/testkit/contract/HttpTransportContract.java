package io.github.osdatahub.oauth2.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import io.github.osdatahub.oauth2.testkit.contract.RecordingHttpServer.Answer;
import io.github.osdatahub.oauth2.testkit.contract.RecordingHttpServer.Recorded;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HttpTransport} must show, checked against loopback servers of the
 * testkit's own (the JDK's {@code HttpServer}, and a plain socket for broken answers), so the
 * suite brings no HTTP library into an adapter's tests.
 *
 * <p>An adapter's test extends this class and says how to make its default transport:
 *
 * <pre>{@code
 * class OkHttpTransportTest extends HttpTransportContract {
 *   @Override
 *   protected HttpTransport transport() {
 *     return OkHttpTransport.create();
 *   }
 * }
 * }</pre>
 *
 * <p>Every case is a {@code final} test method, so no subclass can turn one into an empty pass. A
 * transport that truly lacks a capability says so by overriding its capability method (such as
 * {@link #cancelsAsyncExchanges()}) to return false: the cases that need it are then skipped with an
 * assumption, reported as skipped, and the gap belongs in the adapter's README.
 *
 * <p>Time is checked only as a correctness bound, never as a speed threshold: a transport given a
 * timeout must give up within it plus {@link #TIMEOUT_TOLERANCE}, a cancelled exchange must release
 * its connection within {@link #RELEASE_BOUND}, and every other wait is bounded by a generous
 * {@link #HANG_GUARD} that catches hangs.
 */
public abstract class HttpTransportContract {
  /** The timeout given to the transport for exchanges that should succeed. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** The timeout given to the transport for exchanges that must time out. */
  protected static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
  /**
   * How far past its timeout a transport may be when it gives up: generous, so that a loaded
   * machine's scheduling cannot fail a transport that honours its timeout, while one that ignores
   * the timeout (and waits for a connect, read or call timeout of its client) fails.
   */
  protected static final Duration TIMEOUT_TOLERANCE = Duration.ofSeconds(2);
  /**
   * The longest a transport may take, after its {@code sendAsync} future is cancelled, to close
   * the connection or abort the exchange; far below the timeout that exchange was given.
   */
  protected static final Duration RELEASE_BOUND = Duration.ofSeconds(10);
  /** The longest any one case may take before it is reported as a hang. */
  protected static final Duration HANG_GUARD = Duration.ofSeconds(60);
  /**
   * The most of a 20 MB body the server may manage to hand to a transport before the transport
   * closes the connection: the 64 KiB the transport keeps, its own read buffers and the client
   * socket's receive buffer stay far below this; a transport that drains the body does not.
   */
  protected static final long UNREAD_BOUND = 8L * 1024 * 1024;

  private static final String TOKEN_PATH = "/oauth2/token/v1";
  private static final ProjectCredentials CREDENTIALS = ProjectCredentials.of("contract-key", "contract-secret");
  private static final String BASIC = "Basic "
      + Base64.getEncoder().encodeToString("contract-key:contract-secret".getBytes(StandardCharsets.UTF_8));
  private static final byte[] TOKEN_JSON = ("{\"access_token\":\"ZclClFcksJlZ19vnJOt09Yj3xme0\","
      + "\"expires_in\":\"299\",\"issued_at\":\"1634663382476\",\"token_type\":\"Bearer\"}")
      .getBytes(StandardCharsets.UTF_8);
  private static final int MAX = TokenRequest.MAX_RESPONSE_BYTES;
  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final long TWENTY_MB = 20L * 1024 * 1024;

  private final List<AutoCloseable> servers = new ArrayList<>();

  /** For subclasses. */
  protected HttpTransportContract() {}

  /**
   * The transport under test: the adapter's default. Called once per test; it may return a new or
   * a shared instance.
   *
   * @return the transport
   */
  protected abstract HttpTransport transport();

  /**
   * Whether cancelling a {@code sendAsync} future aborts the exchange and releases its connection.
   * Override to return false only for a transport whose client truly cannot do that, and list the
   * gap in the adapter's README: {@link #cancellingAsyncAbortsTheExchange()} is then skipped, not
   * passed.
   *
   * @return true unless the transport cannot abort a cancelled exchange
   */
  protected boolean cancelsAsyncExchanges() {
    return true;
  }

  /**
   * Closes the servers the test started.
   *
   * @throws Exception when a server fails to close
   */
  @AfterEach
  protected final void closeServers() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  // ---- the request on the wire

  /**
   * POST to the endpoint's path with Basic credentials, the form content type, JSON accept, the
   * SDK's User-Agent, each once, and the 29-byte form body with its Content-Length.
   *
   * @throws Exception on failure
   */
  @Test
  public final void sendsTheExactRequest() throws Exception {
    RecordingHttpServer server = recording().answer(TOKEN_PATH, new Answer(200, TOKEN_JSON));
    TokenRequest request = request(server.uri(TOKEN_PATH));

    TransportResponse response = guarded(() -> transport().send(request, TIMEOUT));

    assertEquals(200, response.status());
    assertExactRequest(server, request);
  }

  /**
   * The asynchronous path puts the same request on the wire.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncSendsTheExactRequest() throws Exception {
    RecordingHttpServer server = recording().answer(TOKEN_PATH, new Answer(200, TOKEN_JSON));
    TokenRequest request = request(server.uri(TOKEN_PATH));

    TransportResponse response = awaitAnswer(transport().sendAsync(request, TIMEOUT));

    assertEquals(200, response.status());
    assertExactRequest(server, request);
  }

  // ---- answers: every status is an answer

  /**
   * A 200 comes back with its status, headers and body.
   *
   * @throws Exception on failure
   */
  @Test
  public final void returnsStatusHeadersAndBodyOf200() throws Exception {
    assertAnswered(200, false);
  }

  /**
   * A 401 is an answer, not an exception.
   *
   * @throws Exception on failure
   */
  @Test
  public final void returns401AsAnAnswer() throws Exception {
    assertAnswered(401, false);
  }

  /**
   * A 429 is an answer, not an exception.
   *
   * @throws Exception on failure
   */
  @Test
  public final void returns429AsAnAnswer() throws Exception {
    assertAnswered(429, false);
  }

  /**
   * A 503 is an answer, not an exception.
   *
   * @throws Exception on failure
   */
  @Test
  public final void returns503AsAnAnswer() throws Exception {
    assertAnswered(503, false);
  }

  /**
   * The asynchronous path returns a 200 with its status, headers and body.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncReturnsStatusHeadersAndBodyOf200() throws Exception {
    assertAnswered(200, true);
  }

  /**
   * The asynchronous path returns a 503 as an answer, not a failed future.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncReturns503AsAnAnswer() throws Exception {
    assertAnswered(503, true);
  }

  /**
   * Header names are looked up in any case, and a header sent twice keeps both values in order.
   *
   * @throws Exception on failure
   */
  @Test
  public final void headersAreCaseInsensitiveAndMultiValued() throws Exception {
    RecordingHttpServer server = recording().answer(TOKEN_PATH, new Answer(200, TOKEN_JSON)
        .header("X-Contract", "first").header("X-Contract", "second").header("Retry-After", "7"));

    TransportResponse response = guarded(() -> transport().send(request(server.uri(TOKEN_PATH)), TIMEOUT));

    assertEquals(List.of("first", "second"), response.headers().get("x-contract"));
    assertEquals(List.of("first", "second"), response.headers().get("X-CONTRACT"));
    assertEquals("7", response.header("retry-after").orElseThrow());
    assertEquals("7", response.header("RETRY-AFTER").orElseThrow());
    assertFalse(response.header("X-Absent").isPresent());
  }

  // ---- bodies and the bound

  /**
   * An empty body is returned as zero bytes, not truncated.
   *
   * @throws Exception on failure
   */
  @Test
  public final void emptyBodyIsReturnedAsEmpty() throws Exception {
    RecordingHttpServer server = recording().answer(TOKEN_PATH, new Answer(200, new byte[0]));

    TransportResponse response = guarded(() -> transport().send(request(server.uri(TOKEN_PATH)), TIMEOUT));

    assertEquals(200, response.status());
    assertEquals(0, response.body().length);
    assertFalse(response.truncated());
  }

  /**
   * The asynchronous path returns an empty body as zero bytes.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncEmptyBodyIsReturnedAsEmpty() throws Exception {
    RecordingHttpServer server = recording().answer(TOKEN_PATH, new Answer(401, new byte[0]));

    TransportResponse response = awaitAnswer(transport().sendAsync(request(server.uri(TOKEN_PATH)), TIMEOUT));

    assertEquals(401, response.status());
    assertEquals(0, response.body().length);
    assertFalse(response.truncated());
  }

  /**
   * A body of exactly 64 KiB is read whole and not flagged.
   *
   * @throws Exception on failure
   */
  @Test
  public final void bodyOfExactly64KiBIsReadWhole() throws Exception {
    byte[] body = pattern(MAX);
    RecordingHttpServer server = recording().answer(TOKEN_PATH, new Answer(200, body));

    TransportResponse response = guarded(() -> transport().send(request(server.uri(TOKEN_PATH)), TIMEOUT));

    assertArrayEquals(body, response.body());
    assertFalse(response.truncated());
  }

  /**
   * A body one byte over 64 KiB is cut at 64 KiB and flagged truncated.
   *
   * @throws Exception on failure
   */
  @Test
  public final void bodyOneByteOver64KiBIsCutAndFlagged() throws Exception {
    assertCutAndFlagged(false);
  }

  /**
   * The asynchronous path cuts a body over 64 KiB and flags it.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncBodyOneByteOver64KiBIsCutAndFlagged() throws Exception {
    assertCutAndFlagged(true);
  }

  /**
   * A 10 MB body is cut at 64 KiB without being read whole: the call returns while the server is
   * still holding back most of it, and the server then finds the connection gone.
   *
   * @throws Exception on failure
   */
  @Test
  public final void tenMegabyteBodyIsNotReadWhole() throws Exception {
    assertHugeBodyNotReadWhole(false);
  }

  /**
   * The asynchronous path does not read a 10 MB body whole either.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncTenMegabyteBodyIsNotReadWhole() throws Exception {
    assertHugeBodyNotReadWhole(true);
  }

  /**
   * A 20 MB body sent as fast as the client takes it is not drained either: the transport closes
   * the connection after taking in less than {@link #UNREAD_BOUND} of it, as the server counts.
   *
   * @throws Exception on failure
   */
  @Test
  public final void twentyMegabyteBodyIsNotDrained() throws Exception {
    assertHugeBodyNotDrained(false);
  }

  /**
   * The asynchronous path does not drain a 20 MB body either.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncTwentyMegabyteBodyIsNotDrained() throws Exception {
    assertHugeBodyNotDrained(true);
  }

  // ---- no answer: IOException

  /**
   * A server that accepts the request and never answers: an IOException once the timeout passes,
   * and no later than {@link #TIMEOUT_TOLERANCE} after it.
   *
   * @throws Exception on failure
   */
  @Test
  public final void serverThatNeverAnswersTimesOut() throws Exception {
    assertTimesOutInTime(raw(RawSocketServer.silent()), false);
  }

  /**
   * The asynchronous path fails its future with an IOException when the server never answers, in
   * time as well.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncServerThatNeverAnswersTimesOut() throws Exception {
    assertTimesOutInTime(raw(RawSocketServer.silent()), true);
  }

  /**
   * The timeout covers the whole exchange: headers followed by a body that stops coming is an
   * IOException once the timeout passes, not a hang and not a wait for some longer read timeout.
   *
   * @throws Exception on failure
   */
  @Test
  public final void stalledBodyTimesOut() throws Exception {
    assertTimesOutInTime(raw(stallingBody()), false);
  }

  /**
   * The asynchronous path's timeout covers a stalled body too.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncStalledBodyTimesOut() throws Exception {
    assertTimesOutInTime(raw(stallingBody()), true);
  }

  /**
   * Nothing listening on the port: an IOException.
   *
   * @throws Exception on failure
   */
  @Test
  public final void refusedConnectionIsAnIOException() throws Exception {
    URI closed = closedPortUri();

    assertTimeoutPreemptively(HANG_GUARD, () ->
        assertThrows(IOException.class, () -> transport().send(request(closed), TIMEOUT)));
  }

  /**
   * The asynchronous path fails its future with an IOException when the connection is refused.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncRefusedConnectionIsAnIOException() throws Exception {
    awaitIOException(transport().sendAsync(request(closedPortUri()), TIMEOUT));
  }

  /**
   * A body shorter than its Content-Length, then the connection closed: an IOException.
   *
   * @throws Exception on failure
   */
  @Test
  public final void bodyEndingEarlyIsAnIOException() throws Exception {
    RawSocketServer server = raw(bodyEndingEarly());

    assertTimeoutPreemptively(HANG_GUARD, () ->
        assertThrows(IOException.class, () -> transport().send(request(server.uri(TOKEN_PATH)), TIMEOUT)));
  }

  /**
   * The asynchronous path fails its future with an IOException when the body ends early.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncBodyEndingEarlyIsAnIOException() throws Exception {
    RawSocketServer server = raw(bodyEndingEarly());

    awaitIOException(transport().sendAsync(request(server.uri(TOKEN_PATH)), TIMEOUT));
  }

  /**
   * A caller whose thread is interrupted gets an {@link InterruptedIOException} and keeps its
   * interrupt flag, without first waiting out its timeout (a {@link java.net.SocketTimeoutException}
   * after the timeout is an InterruptedIOException too, but not an answer to the interrupt).
   *
   * @throws Exception on failure
   */
  @Test
  public final void interruptedCallerGetsInterruptedIOException() throws Exception {
    RawSocketServer server = raw(RawSocketServer.silent());
    TokenRequest request = request(server.uri(TOKEN_PATH));
    HttpTransport transport = transport();

    assertTimeoutPreemptively(HANG_GUARD, () -> {
      Thread.currentThread().interrupt();
      long start = System.nanoTime();
      try {
        assertThrows(InterruptedIOException.class, () -> transport.send(request, TIMEOUT));
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag must be set again");
      } finally {
        Thread.interrupted();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(TIMEOUT) < 0, "the interrupted caller waited out its timeout (" + took + ")");
    });
  }

  // ---- redirects are answers

  /**
   * A 302 comes back as a 302 with its Location; the target receives nothing.
   *
   * @throws Exception on failure
   */
  @Test
  public final void redirectIsReturnedNotFollowed() throws Exception {
    assertRedirectNotFollowed(false);
  }

  /**
   * The asynchronous path does not follow a 302 either.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncRedirectIsReturnedNotFollowed() throws Exception {
    assertRedirectNotFollowed(true);
  }

  // ---- asynchrony and concurrency

  /**
   * {@code sendAsync} returns its future before the server answers: the server holds its answer
   * until the test releases it, which the test does only after {@code sendAsync} has returned.
   *
   * @throws Exception on failure
   */
  @Test
  public final void asyncReturnsBeforeTheServerAnswers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingHttpServer server = recording().answer(TOKEN_PATH, new Answer(200, TOKEN_JSON).awaiting(release));
    TokenRequest request = request(server.uri(TOKEN_PATH));
    HttpTransport transport = transport();

    CompletableFuture<TransportResponse> future = assertTimeoutPreemptively(HANG_GUARD,
        () -> transport.sendAsync(request, TIMEOUT),
        "sendAsync blocked until the server answered");

    assertTrue(server.awaitFirstRequest(HANG_GUARD.toSeconds(), TimeUnit.SECONDS), "the request never arrived");
    assertFalse(future.isDone(), "the future completed before the server answered");
    release.countDown();
    TransportResponse response = awaitAnswer(future);
    assertEquals(200, response.status());
    assertArrayEquals(TOKEN_JSON, response.body());
  }

  /**
   * One transport serves many callers at once, synchronous and asynchronous, each getting its
   * own answer.
   *
   * @throws Exception on failure
   */
  @Test
  public final void concurrentSendsOnOneTransport() throws Exception {
    int threads = 8;
    int perThread = 10;
    RecordingHttpServer server = recording();
    for (int t = 0; t < threads; t++) {
      server.answer(TOKEN_PATH + "/" + t, new Answer(200, ("answer-" + t).getBytes(StandardCharsets.US_ASCII)));
    }
    HttpTransport transport = transport();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        TokenRequest request = request(server.uri(TOKEN_PATH + "/" + t));
        byte[] expected = ("answer-" + t).getBytes(StandardCharsets.US_ASCII);
        results.add(pool.submit(() -> {
          start.await();
          int ok = 0;
          for (int i = 0; i < perThread; i++) {
            TransportResponse r = (i + thread) % 2 == 0
                ? transport.send(request, TIMEOUT)
                : transport.sendAsync(request, TIMEOUT).get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
            assertArrayEquals(expected, r.body());
            ok += r.status() == 200 ? 1 : 0;
          }
          return ok;
        }));
      }
      start.countDown();
      int ok = 0;
      for (Future<Integer> result : results) {
        ok += result.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
      }
      assertEquals(threads * perThread, ok);
      assertEquals(threads * perThread, server.requests().size());
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- cancelling

  /**
   * Cancelling a {@code sendAsync} future while the server is silent cancels the future, makes the
   * transport close the connection (the server sees it go) within {@link #RELEASE_BOUND}, far
   * sooner than the exchange's own timeout, and leaves the transport able to send again. The
   * cancelled exchange follows an answered one, so it usually runs on a kept-alive connection
   * from the transport's pool, as a token refresh does.
   *
   * @throws Exception on failure
   */
  @Test
  public final void cancellingAsyncAbortsTheExchange() throws Exception {
    assumeTrue(cancelsAsyncExchanges(), getClass().getSimpleName()
        + ": this transport cannot abort an exchange when its sendAsync future is cancelled (see its README)");
    CountDownLatch silentRequestRead = new CountDownLatch(1);
    CountDownLatch clientGone = new CountDownLatch(1);
    RawSocketServer server = raw(RawSocketServer.firstAnsweredThenSilent(RawSocketServer.ascii(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + TOKEN_JSON.length + "\r\n\r\n"
        + new String(TOKEN_JSON, StandardCharsets.US_ASCII)), silentRequestRead, clientGone));
    RecordingHttpServer afterwards = recording().answer(TOKEN_PATH, new Answer(200, TOKEN_JSON));
    HttpTransport transport = transport();
    TokenRequest request = request(server.uri(TOKEN_PATH));
    assertEquals(200, awaitAnswer(transport.sendAsync(request, TIMEOUT)).status());

    // Only the cancel can end this exchange in time: its own timeout is the hang guard.
    CompletableFuture<TransportResponse> future = transport.sendAsync(request, HANG_GUARD);
    assertTrue(silentRequestRead.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS), "the request never arrived");
    assertTrue(future.cancel(true), "the future would not be cancelled");

    assertTrue(future.isCancelled(), "cancel() took, yet the future is not left cancelled");
    assertThrows(CancellationException.class, () -> future.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS));
    assertTrue(clientGone.await(RELEASE_BOUND.toMillis(), TimeUnit.MILLISECONDS),
        "the connection was still open " + RELEASE_BOUND + " after the cancel: the exchange was not aborted");
    TokenRequest next = request(afterwards.uri(TOKEN_PATH));
    assertEquals(200, awaitAnswer(transport.sendAsync(next, TIMEOUT)).status());
    assertEquals(200, guarded(() -> transport.send(next, TIMEOUT)).status());
  }

  // ---- shared checks

  private void assertExactRequest(RecordingHttpServer server, TokenRequest request) {
    List<Recorded> requests = server.requests();
    assertEquals(1, requests.size(), "exactly one request");
    Recorded r = requests.get(0);
    assertEquals("POST", r.method);
    assertEquals(TOKEN_PATH, r.path);
    assertEquals(List.of(BASIC), r.headerValues("Authorization"));
    assertEquals(List.of("application/x-www-form-urlencoded"), r.headerValues("Content-Type"));
    assertEquals(List.of("application/json"), r.headerValues("Accept"));
    assertEquals(List.of(request.headers().get("User-Agent")), r.headerValues("User-Agent"));
    assertTrue(request.headers().get("User-Agent").startsWith("os-oauth2-java/"));
    assertEquals(List.of("29"), r.headerValues("Content-Length"));
    assertTrue(r.headerValues("Transfer-Encoding").isEmpty(), "the body must not be chunked");
    assertArrayEquals("grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII), r.body);
  }

  private void assertAnswered(int status, boolean async) throws Exception {
    byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.US_ASCII);
    RecordingHttpServer server = recording().answer(TOKEN_PATH, new Answer(status, body)
        .header("Content-Type", "application/json").header("X-Contract", "yes"));
    TokenRequest request = request(server.uri(TOKEN_PATH));

    TransportResponse response = async
        ? awaitAnswer(transport().sendAsync(request, TIMEOUT))
        : guarded(() -> transport().send(request, TIMEOUT));

    assertEquals(status, response.status());
    assertEquals("application/json", response.header("content-type").orElseThrow());
    assertEquals("yes", response.header("x-contract").orElseThrow());
    assertArrayEquals(body, response.body());
    assertFalse(response.truncated());
  }

  private void assertCutAndFlagged(boolean async) throws Exception {
    byte[] body = pattern(MAX + 1);
    RecordingHttpServer server = recording().answer(TOKEN_PATH, new Answer(200, body));
    TokenRequest request = request(server.uri(TOKEN_PATH));

    TransportResponse response = async
        ? awaitAnswer(transport().sendAsync(request, TIMEOUT))
        : guarded(() -> transport().send(request, TIMEOUT));

    assertEquals(200, response.status());
    assertArrayEquals(Arrays.copyOf(body, MAX), response.body());
    assertTrue(response.truncated());
  }

  private void assertHugeBodyNotReadWhole(boolean async) throws Exception {
    int prefix = 256 * 1024;
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    AtomicBoolean clientWentAway = new AtomicBoolean();
    RawSocketServer server = raw((connection, s) -> {
      try {
        OutputStream out = connection.getOutputStream();
        out.write(RawSocketServer.ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Length: " + TEN_MB + "\r\n\r\n"));
        writeFiller(out, prefix);
        release.await();
        writeFiller(out, TEN_MB - prefix);
      } catch (IOException e) {
        clientWentAway.set(true);
      } finally {
        finished.countDown();
      }
    });
    TokenRequest request = request(server.uri(TOKEN_PATH));

    // The server holds back all but the first 256 KiB until released, so a transport that tried to
    // read 10 MB could not return here.
    TransportResponse response = async
        ? awaitAnswer(transport().sendAsync(request, TIMEOUT))
        : guarded(() -> transport().send(request, TIMEOUT));

    assertEquals(200, response.status());
    assertTrue(response.truncated());
    assertEquals(MAX, response.body().length);
    release.countDown();
    assertTrue(finished.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS),
        "the server could not finish writing: the connection was kept open but not read");
    assertTrue(clientWentAway.get(), "the server wrote all 10 MB: the transport kept reading past the bound");
  }

  private void assertHugeBodyNotDrained(boolean async) throws Exception {
    AtomicLong written = new AtomicLong();
    AtomicBoolean clientWentAway = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    RawSocketServer server = raw((connection, s) -> {
      // A small send buffer of the server's own, so that what it counts as written is what the
      // client's side took in (its receive buffer and the transport's reads), not bytes queued here.
      connection.setSendBufferSize(64 * 1024);
      try {
        OutputStream out = connection.getOutputStream();
        out.write(RawSocketServer.ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Length: " + TWENTY_MB + "\r\n\r\n"));
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) 'x');
        for (long left = TWENTY_MB; left > 0; left -= chunk.length) {
          int n = (int) Math.min(left, chunk.length);
          out.write(chunk, 0, n);
          written.addAndGet(n);
        }
        out.flush();
      } catch (IOException e) {
        clientWentAway.set(true);
      } finally {
        finished.countDown();
      }
    });
    TokenRequest request = request(server.uri(TOKEN_PATH));

    TransportResponse response = async
        ? awaitAnswer(transport().sendAsync(request, TIMEOUT))
        : guarded(() -> transport().send(request, TIMEOUT));

    assertEquals(200, response.status());
    assertTrue(response.truncated());
    assertEquals(MAX, response.body().length);
    assertTrue(finished.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS),
        "the server could not finish writing: the connection was kept open but not read");
    assertTrue(clientWentAway.get(), "the server wrote all 20 MB: the transport read or drained the whole body");
    assertTrue(written.get() < UNREAD_BOUND, "the transport took in " + written.get() + " bytes of a 20 MB body "
        + "before closing the connection; it must stop near " + MAX + " bytes, not drain the rest");
  }

  private void assertTimesOutInTime(RawSocketServer server, boolean async) throws Exception {
    TokenRequest request = request(server.uri(TOKEN_PATH));
    HttpTransport transport = transport();

    long start = System.nanoTime();
    if (async) {
      awaitIOException(transport.sendAsync(request, SHORT_TIMEOUT));
    } else {
      assertTimeoutPreemptively(HANG_GUARD, () ->
          assertThrows(IOException.class, () -> transport.send(request, SHORT_TIMEOUT)));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertTrue(took.compareTo(SHORT_TIMEOUT.plus(TIMEOUT_TOLERANCE)) <= 0, "given a timeout of " + SHORT_TIMEOUT
        + ", the transport gave up only after " + took + " (tolerance " + TIMEOUT_TOLERANCE + ")");
  }

  private void assertRedirectNotFollowed(boolean async) throws Exception {
    RecordingHttpServer target = recording().answer("/elsewhere", new Answer(200, TOKEN_JSON));
    RecordingHttpServer server = recording().answer(TOKEN_PATH, new Answer(302, new byte[0])
        .header("Location", target.uri("/elsewhere").toString()));
    TokenRequest request = request(server.uri(TOKEN_PATH));

    TransportResponse response = async
        ? awaitAnswer(transport().sendAsync(request, TIMEOUT))
        : guarded(() -> transport().send(request, TIMEOUT));

    assertEquals(302, response.status());
    assertEquals(target.uri("/elsewhere").toString(), response.header("Location").orElseThrow());
    assertEquals(1, server.requests().size());
    assertEquals(0, target.requests().size(), "the redirect target must receive nothing");
  }

  // ---- servers and helpers

  private RecordingHttpServer recording() {
    RecordingHttpServer server = RecordingHttpServer.start();
    servers.add(server);
    return server;
  }

  private RawSocketServer raw(RawSocketServer.Behaviour behaviour) {
    RawSocketServer server = RawSocketServer.start(behaviour);
    servers.add(server);
    return server;
  }

  private static RawSocketServer.Behaviour stallingBody() {
    return (connection, server) -> {
      OutputStream out = connection.getOutputStream();
      out.write(RawSocketServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"access_"));
      out.flush();
      server.awaitClose();
    };
  }

  private static RawSocketServer.Behaviour bodyEndingEarly() {
    return (connection, server) -> {
      OutputStream out = connection.getOutputStream();
      out.write(RawSocketServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"access_"));
      out.flush();
      // returning closes the connection, 91 bytes short
    };
  }

  private static void writeFiller(OutputStream out, int bytes) throws IOException {
    byte[] chunk = new byte[8192];
    Arrays.fill(chunk, (byte) 'x');
    for (int left = bytes; left > 0; left -= chunk.length) {
      out.write(chunk, 0, Math.min(left, chunk.length));
    }
    out.flush();
  }

  private static URI closedPortUri() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    return URI.create("http://127.0.0.1:" + port + TOKEN_PATH);
  }

  private static TokenRequest request(URI endpoint) {
    return TokenRequest.create(CREDENTIALS, endpoint);
  }

  private static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    return bytes;
  }

  private static TransportResponse guarded(org.junit.jupiter.api.function.ThrowingSupplier<TransportResponse> call) {
    return assertTimeoutPreemptively(HANG_GUARD, call);
  }

  private static TransportResponse awaitAnswer(CompletableFuture<TransportResponse> future) throws Exception {
    try {
      return future.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      future.cancel(true);
      return fail("no answer within the hang guard");
    }
  }

  private static void awaitIOException(CompletableFuture<TransportResponse> future) throws Exception {
    try {
      TransportResponse r = future.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
      fail("expected an IOException, got " + r);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      assertInstanceOf(IOException.class, cause);
    } catch (java.util.concurrent.TimeoutException e) {
      future.cancel(true);
      fail("the future did not complete within the hang guard");
    }
  }
}
