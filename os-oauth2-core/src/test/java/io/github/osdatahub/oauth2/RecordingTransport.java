package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A fake {@link HttpTransport} for unit tests: plays a script of answers (the last step repeats for
 * ever), records every request with its timeout and the {@link ManualTimeSource} time it was sent,
 * and uses that time source for anything slow, so no test waits in real time.
 */
final class RecordingTransport implements HttpTransport {
  /** One scripted behaviour. */
  interface Step {
    /** The blocking path. */
    TransportResponse send(RecordingTransport t, Duration timeout) throws IOException;

    /** The asynchronous path; by default the blocking behaviour, completed at once. */
    default CompletableFuture<TransportResponse> sendAsync(RecordingTransport t, Duration timeout) {
      try {
        return CompletableFuture.completedFuture(send(t, timeout));
      } catch (IOException | RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }

  /** What was sent, how and when. */
  static final class Sent {
    final String method;
    final TokenRequest request;
    final Duration timeout;
    final long atNanos;

    Sent(String method, TokenRequest request, Duration timeout, long atNanos) {
      this.method = method;
      this.request = request;
      this.timeout = timeout;
      this.atNanos = atNanos;
    }
  }

  final ManualTimeSource time;
  private final List<Step> script;
  private final List<Sent> sent = new ArrayList<>();
  private final List<CompletableFuture<TransportResponse>> unanswered = new ArrayList<>();

  RecordingTransport(ManualTimeSource time, Step... script) {
    this.time = time;
    this.script = new ArrayList<>(Arrays.asList(script));
  }

  // ------------------------------------------------------------------ steps

  static Step answer(int status, String body, String... headerPairs) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int k = 0; k < headerPairs.length; k += 2) {
      headers.put(headerPairs[k], List.of(headerPairs[k + 1]));
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return (t, timeout) -> TransportResponse.of(status, headers, bytes);
  }

  static Step answer(TransportResponse response) {
    return (t, timeout) -> response;
  }

  static Step fail(IOException e) {
    return (t, timeout) -> {
      throw e;
    };
  }

  static Step crash(RuntimeException e) {
    return (t, timeout) -> {
      throw e;
    };
  }

  /** A server that never answers: the blocking path times out as a real transport would, on the manual clock. */
  static Step never() {
    return new Step() {
      @Override
      public TransportResponse send(RecordingTransport t, Duration timeout) throws IOException {
        t.time.advance(timeout);
        throw new SocketTimeoutException("timed out");
      }

      @Override
      public CompletableFuture<TransportResponse> sendAsync(RecordingTransport t, Duration timeout) {
        CompletableFuture<TransportResponse> f = new CompletableFuture<>();
        synchronized (t) {
          t.unanswered.add(f);
        }
        return f; // ignores its timeout: the client's own timer must end the attempt
      }
    };
  }

  /** Answers after a while of manual time. */
  static Step after(Duration delay, Step then) {
    return new Step() {
      @Override
      public TransportResponse send(RecordingTransport t, Duration timeout) throws IOException {
        t.time.advance(delay);
        return then.send(t, timeout);
      }

      @Override
      public CompletableFuture<TransportResponse> sendAsync(RecordingTransport t, Duration timeout) {
        CompletableFuture<TransportResponse> f = new CompletableFuture<>();
        t.time.schedule(() -> then.sendAsync(t, timeout).whenComplete((r, e) -> {
          if (e != null) {
            f.completeExceptionally(e);
          } else {
            f.complete(r);
          }
        }), delay.toNanos());
        return f;
      }
    };
  }

  // ------------------------------------------------------------------ transport

  @Override
  public TransportResponse send(TokenRequest request, Duration timeout) throws IOException {
    return next("send", request, timeout).send(this, timeout);
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TokenRequest request, Duration timeout) {
    return next("sendAsync", request, timeout).sendAsync(this, timeout);
  }

  private synchronized Step next(String method, TokenRequest request, Duration timeout) {
    sent.add(new Sent(method, request, timeout, time.nanoTime()));
    return script.size() > 1 ? script.remove(0) : script.get(0);
  }

  // ------------------------------------------------------------------ records

  synchronized int requests() {
    return sent.size();
  }

  synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  synchronized List<Duration> timeouts() {
    return sent.stream().map(s -> s.timeout).collect(java.util.stream.Collectors.toList());
  }

  /** The gaps between consecutive requests, on the manual clock. */
  synchronized List<Duration> gaps() {
    List<Duration> gaps = new ArrayList<>();
    for (int k = 1; k < sent.size(); k++) {
      gaps.add(Duration.ofNanos(sent.get(k).atNanos - sent.get(k - 1).atNanos));
    }
    return gaps;
  }

  synchronized List<CompletableFuture<TransportResponse>> unanswered() {
    return List.copyOf(unanswered);
  }
}
