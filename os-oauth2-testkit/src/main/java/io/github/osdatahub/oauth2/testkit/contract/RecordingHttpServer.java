package io.github.osdatahub.oauth2.testkit.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server on the JDK's {@code HttpServer} that answers each path with a canned response
 * and records every request exactly as it arrived (method, path, headers, body).
 */
final class RecordingHttpServer implements AutoCloseable {
  /** One request as the server saw it. */
  static final class Recorded {
    final String method;
    final String path;
    final Map<String, List<String>> headers;
    final byte[] body;

    Recorded(String method, String path, Map<String, List<String>> headers, byte[] body) {
      this.method = method;
      this.path = path;
      this.headers = headers;
      this.body = body;
    }

    /** All values of a header, in arrival order; empty when absent. Names are case-insensitive. */
    List<String> headerValues(String name) {
      return headers.getOrDefault(name, List.of());
    }

    Optional<String> header(String name) {
      List<String> values = headerValues(name);
      return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }

  /** A canned answer; {@code gate}, when set, is awaited before answering. */
  static final class Answer {
    final int status;
    final List<String[]> headers = new ArrayList<>();
    final byte[] body;
    CountDownLatch gate;

    Answer(int status, byte[] body) {
      this.status = status;
      this.body = body;
    }

    Answer header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    Answer awaiting(CountDownLatch gate) {
      this.gate = gate;
      return this;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstRequest = new CountDownLatch(1);

  private RecordingHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static RecordingHttpServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
      // Handlers may wait on a gate, so each exchange gets its own (daemon) thread.
      ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "contract-http-server");
        t.setDaemon(true);
        return t;
      });
      RecordingHttpServer recording = new RecordingHttpServer(server, executor);
      server.setExecutor(executor);
      server.createContext("/", recording::handle);
      server.start();
      return recording;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers requests for {@code path} with {@code answer}; other paths get 404. */
  RecordingHttpServer answer(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** Waits until a request has arrived (its head and body read). */
  boolean awaitFirstRequest(long timeout, TimeUnit unit) throws InterruptedException {
    return firstRequest.await(timeout, unit);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body));
      firstRequest.countDown();

      Answer answer = answers.get(exchange.getRequestURI().getRawPath());
      if (answer == null) {
        answer = new Answer(404, new byte[0]);
      }
      if (answer.gate != null) {
        try {
          answer.gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      for (String[] h : answer.headers) {
        exchange.getResponseHeaders().add(h[0], h[1]);
      }
      // HttpServer: -1 means no body (Content-Length: 0), 0 means chunked.
      exchange.sendResponseHeaders(answer.status, answer.body.length == 0 ? -1 : answer.body.length);
      if (answer.body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
