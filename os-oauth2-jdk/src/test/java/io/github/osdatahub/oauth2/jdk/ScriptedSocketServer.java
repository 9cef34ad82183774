package io.github.osdatahub.oauth2.jdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback server on a plain socket for answers a well-behaved server never gives (an endless
 * body, a body that stalls): each connection gets its own thread, its request head is recorded,
 * and a {@link Script} writes whatever it likes for it before the connection is closed. One request
 * per connection, so answers should say {@code Connection: close}.
 */
final class ScriptedSocketServer implements AutoCloseable {
  /** Writes the answer to one request. */
  @FunctionalInterface
  interface Script {
    void answer(String head, OutputStream out, ScriptedSocketServer server) throws IOException, InterruptedException;
  }

  private final ServerSocket listener;
  private final Script script;
  private final List<String> heads = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  ScriptedSocketServer(Script script) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.script = script;
    daemon(this::acceptLoop, "scripted-accept").start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
  }

  /** Every request head received, in order, as text. */
  List<String> heads() {
    return List.copyOf(heads);
  }

  /** Blocks until the server is closed: for scripts that hold a connection open without answering. */
  void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** The value of a header in a recorded head; names are case-insensitive. */
  static Optional<String> header(String head, String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return Optional.of(line.substring(prefix.length()).strip());
      }
    }
    return Optional.empty();
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        sockets.add(socket);
        daemon(() -> serve(socket), "scripted-connection").start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      heads.add(head);
      in.readNBytes(header(head, "Content-Length").map(Integer::parseInt).orElse(0));
      OutputStream out = socket.getOutputStream();
      script.answer(head, out, this);
      out.flush();
    } catch (IOException e) {
      // the client went away, or the server was closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    byte[] end = ascii("\r\n\r\n");
    int matched = 0;
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the head ended");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static Thread daemon(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
