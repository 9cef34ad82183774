package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;

/**
 * One token exchange over {@link HttpURLConnection}, for {@link HttpUrlConnectionTransport}: run
 * once, on one thread, while {@link #cancel()} or the deadline's timer may end it from another.
 *
 * <p>Until the answer's headers have arrived, ending it closes the connection, which fails the
 * blocked handshake, write or wait at once (a connect still under way ends at its own timeout).
 * Once the body is being read it only raises a flag that the reader checks before each read: the
 * JDK's {@code disconnect()} would wait for the read in progress to end, holding up the thread
 * that called it.
 */
final class UrlConnectionExchange {
  private static final int MAX = TokenRequest.MAX_RESPONSE_BYTES;
  private static final int WAITING = 0;
  private static final int READING_BODY = 1;
  private static final int FINISHED = 2;
  private static final int NOT_ENDED = 0;
  private static final int CANCELLED = 1;
  private static final int TIMED_OUT = 2;
  private static final Duration CLOSE_AGAIN = Duration.ofMillis(50);

  private final TokenRequest request;
  private final long deadlineNanos;
  private final Duration timeout;
  private final Duration connectTimeout;

  private HttpURLConnection connection; // guarded by this
  private int phase = WAITING; // guarded by this
  private int endedBy = NOT_ENDED; // guarded by this: CANCELLED or TIMED_OUT once ended from outside
  private IOException ending; // guarded by this: the exception for that, made once

  UrlConnectionExchange(TokenRequest request, Duration timeout, Duration connectTimeout) {
    this.request = request;
    this.timeout = timeout;
    this.connectTimeout = connectTimeout;
    long nanos = timeout.toNanos();
    this.deadlineNanos = System.nanoTime() + (nanos > 0 ? nanos : 0);
  }

  TransportResponse run() throws IOException {
    TimeSource.Cancellable timer = TimeSource.system().schedule(this::expire, nanosLeft());
    try {
      return exchange();
    } catch (IOException e) {
      IOException ended = ending();
      if (ended == null || ended == e) {
        throw e;
      }
      if (ended.getCause() == null) {
        ended.initCause(e); // the JDK's own view, such as "Socket closed"
      }
      throw ended;
    } finally {
      timer.cancel();
      HttpURLConnection c;
      synchronized (this) {
        phase = FINISHED;
        c = connection;
      }
      if (c != null) {
        c.disconnect(); // the connection is this exchange's alone and nothing reads from it any more
      }
    }
  }

  private TransportResponse exchange() throws IOException {
    HttpURLConnection c = open();
    try (OutputStream out = c.getOutputStream()) { // connects, and shakes hands, within the timeouts set
      out.write(request.body());
    }
    throwIfEnded(); // ended while connecting, when there was no socket yet to close
    int status = c.getResponseCode(); // sends the buffered request and waits for the status and headers
    if (status < 0) {
      throw new IOException("the token endpoint's answer is not HTTP");
    }
    synchronized (this) {
      throwIfEnded();
      phase = READING_BODY;
    }
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    byte[] body = readBounded(in);
    long declared = c.getContentLengthLong();
    if (declared >= 0 && body.length < declared && body.length <= MAX) {
      // On a connection the server closes after the answer, the JDK takes the close for the end of
      // the body, even before Content-Length bytes: a body cut short would pass as a whole one.
      throw new IOException("the token endpoint's answer ended after " + body.length + " of its " + declared
          + " bytes");
    }
    return TransportResponse.of(status, headers(c), body);
  }

  /** In the order they came: {@code getHeaderFields()} lists a repeated header's values backwards. */
  private static Map<String, List<String>> headers(HttpURLConnection c) {
    Map<String, List<String>> headers = new HashMap<>();
    for (int i = 1; ; i++) {
      String name = c.getHeaderFieldKey(i);
      String value = c.getHeaderField(i);
      if (name == null && value == null) {
        return headers;
      }
      if (name != null && value != null) {
        String key = name.toLowerCase(Locale.ROOT);
        List<String> values = headers.get(key);
        if (values == null) {
          values = new ArrayList<>(1);
          headers.put(key, values);
        }
        values.add(value);
      }
    }
  }

  private HttpURLConnection open() throws IOException {
    HttpURLConnection c = (HttpURLConnection) request.endpoint().toURL().openConnection();
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setAuthenticator(ProxyCredentialsOnly.INSTANCE);
    c.setConnectTimeout(millis(Math.min(connectTimeout.toNanos(), nanosLeft())));
    c.setReadTimeout(millis(nanosLeft())); // fixed by the JDK when it connects; the timer bounds the rest
    c.setRequestMethod(request.method());
    c.setDoOutput(true);
    // Not setFixedLengthStreamingMode: in streaming mode the JDK drops the body of a 401. Buffered,
    // it sends the Content-Length itself.
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      c.setRequestProperty(header.getKey(), header.getValue());
    }
    c.setRequestProperty("Connection", "close");
    if (c instanceof HttpsURLConnection) {
      ((HttpsURLConnection) c).setHostnameVerifier(StrictHostnames.INSTANCE);
    }
    synchronized (this) {
      throwIfEnded();
      connection = c;
    }
    return c;
  }

  /** At most the bound and one byte, checking the deadline and a cancel before each read. */
  private byte[] readBounded(InputStream in) throws IOException {
    if (in == null) {
      return new byte[0]; // the JDK gives no stream for an error status without a body
    }
    byte[] buffer = new byte[1024];
    int length = 0;
    while (length <= MAX) {
      throwIfEnded();
      if (nanosLeft() <= 0) {
        throw timedOut();
      }
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 4, MAX + 1));
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        break;
      }
      length += n;
    }
    return Arrays.copyOf(buffer, length);
  }

  void cancel() {
    end(CANCELLED);
  }

  /** Whether the answer's headers have arrived and its body is being read; for tests. */
  synchronized boolean readingBody() {
    return phase == READING_BODY;
  }

  private void expire() {
    end(TIMED_OUT);
  }

  /** Ends the exchange from another thread: closes the connection unless its body is being read. */
  private void end(int why) {
    synchronized (this) {
      if (phase == FINISHED || endedBy != NOT_ENDED) {
        return;
      }
      endedBy = why;
    }
    closeWhileWaiting();
  }

  /**
   * Closes the connection, and again every {@link #CLOSE_AGAIN} until the exchange stops waiting:
   * {@code disconnect()} closes only a socket the JDK has already made, and it may still be making
   * it. Once the body is being read, the reader stops before its next read instead, since
   * {@code disconnect()} would wait for the read in progress.
   */
  private void closeWhileWaiting() {
    HttpURLConnection c;
    synchronized (this) {
      if (phase != WAITING) {
        return;
      }
      c = connection;
    }
    if (c != null) {
      c.disconnect(); // fails the blocked handshake, write or wait at once
    }
    TimeSource.system().schedule(this::closeWhileWaiting, CLOSE_AGAIN.toNanos());
  }

  private void throwIfEnded() throws IOException {
    IOException ended = ending();
    if (ended != null) {
      throw ended;
    }
  }

  private synchronized IOException ending() {
    if (endedBy != NOT_ENDED && ending == null) {
      ending = endedBy == TIMED_OUT ? timedOut() : new IOException("the token request was cancelled");
    }
    return ending;
  }

  private SocketTimeoutException timedOut() {
    return new SocketTimeoutException("no answer from the token endpoint within " + ErrorMapping.seconds(timeout));
  }

  private long nanosLeft() {
    return deadlineNanos - System.nanoTime();
  }

  /** A timeout for the JDK, in whole milliseconds and at least one (zero would mean none). */
  private static int millis(long nanos) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000));
  }

  /**
   * Answers no server's challenge, so a 401 from the token endpoint comes back as an answer rather
   * than being retried with whatever the JVM's default authenticator offers; a proxy's challenge
   * still goes to that authenticator, as for any other connection.
   */
  private static final class ProxyCredentialsOnly extends Authenticator {
    static final ProxyCredentialsOnly INSTANCE = new ProxyCredentialsOnly();

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
      if (getRequestorType() != RequestorType.PROXY) {
        return null;
      }
      return Authenticator.requestPasswordAuthentication(getRequestingHost(), getRequestingSite(),
          getRequestingPort(), getRequestingProtocol(), getRequestingPrompt(), getRequestingScheme(),
          getRequestingURL(), getRequestorType());
    }
  }

  /**
   * Accepts no host name the JDK's own check refused: {@code HttpsURLConnection} asks the verifier
   * only then, and its JVM-wide default may have been set to accept anything.
   */
  private static final class StrictHostnames implements HostnameVerifier {
    static final StrictHostnames INSTANCE = new StrictHostnames();

    @Override
    public boolean verify(String hostname, SSLSession session) {
      return false;
    }
  }
}
