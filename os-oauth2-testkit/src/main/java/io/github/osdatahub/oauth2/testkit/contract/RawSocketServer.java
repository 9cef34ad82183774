package io.github.osdatahub.oauth2.testkit.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback server on a plain {@link ServerSocket} for answers no well-behaved HTTP server gives:
 * none at all, a body shorter than its {@code Content-Length}, a body too large to read. It reads
 * each request's head and body, then hands the connection to a {@link Behaviour}, which may also
 * watch for the client closing it.
 */
final class RawSocketServer implements AutoCloseable {
  /**
   * What the server does with a connection once the request has been read; the socket's input is
   * positioned just after the request. Returning closes the connection.
   */
  @FunctionalInterface
  interface Behaviour {
    void serve(Socket connection, RawSocketServer server) throws IOException, InterruptedException;
  }

  private final ServerSocket serverSocket;
  private final Behaviour behaviour;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  private RawSocketServer(ServerSocket serverSocket, Behaviour behaviour) {
    this.serverSocket = serverSocket;
    this.behaviour = behaviour;
  }

  static RawSocketServer start(Behaviour behaviour) {
    try {
      ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      RawSocketServer server = new RawSocketServer(socket, behaviour);
      daemon(server::acceptLoop, "contract-raw-accept").start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A behaviour that reads the request and never answers, holding the connection open. */
  static Behaviour silent() {
    return (connection, server) -> server.awaitClose();
  }

  /**
   * A behaviour that answers the server's first request with {@code answer}, keeping the connection
   * open for more, and every later request (on that connection or another) with silence: it counts
   * down {@code silentRequestRead} and then {@code clientGone} once the client closes or resets that
   * connection.
   *
   * @param answer the whole first response, status line to body, with its Content-Length
   */
  static Behaviour firstAnsweredThenSilent(byte[] answer, CountDownLatch silentRequestRead,
      CountDownLatch clientGone) {
    AtomicBoolean answered = new AtomicBoolean();
    return (connection, server) -> {
      InputStream in = connection.getInputStream();
      while (answered.compareAndSet(false, true)) {
        connection.getOutputStream().write(answer);
        connection.getOutputStream().flush();
        if (!readRequest(in)) {
          return; // the client closed the kept-alive connection; a later request comes on another
        }
      }
      silentRequestRead.countDown();
      try {
        awaitEndOfStream(in);
      } finally {
        clientGone.countDown();
      }
    };
  }

  /** Reads and discards until the peer closes (end of stream) or resets (an exception) the connection. */
  private static void awaitEndOfStream(InputStream in) {
    byte[] discard = new byte[1024];
    try {
      while (in.read(discard) >= 0) {
        // nothing more is expected from the client; anything it sends is ignored
      }
    } catch (IOException reset) {
      // a reset is the client going away too
    }
  }

  /** The US-ASCII bytes of {@code text}, for status lines and headers. */
  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + path);
  }

  /** Blocks until the server is closed (used by behaviours that hold a connection open). */
  void awaitClose() throws InterruptedException {
    closed.await();
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try {
        Socket socket = serverSocket.accept();
        sockets.add(socket);
        daemon(() -> serve(socket), "contract-raw-connection").start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      if (!readRequest(socket.getInputStream())) {
        return;
      }
      behaviour.serve(socket, this);
    } catch (IOException e) {
      // the client went away; nothing to do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads the request head up to the blank line, then as many body bytes as Content-Length says.
   * Returns false when the connection ends before a request starts.
   */
  private static boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = ascii("\r\n\r\n");
    while (matched < end.length) {
      int b = in.read();
      if (b < 0 && head.size() == 0) {
        return false;
      }
      if (b < 0) {
        throw new IOException("connection closed before the request head ended");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
    long length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
        length = Long.parseLong(line.substring(colon + 1).trim());
      }
    }
    in.readNBytes((int) length);
    return true;
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
      serverSocket.close();
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
