package io.github.osdatahub.oauth2.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP forwarder on 127.0.0.1 to a local port that keeps every byte that passes, each way, per
 * connection: what a browser sent to an origin and everything it received from it, headers included.
 * Each tap is an origin of its own (its own port), so a page opened through a tap is told apart from
 * other pages by the tap it came through.
 */
final class TcpTap implements AutoCloseable {
  /** One connection's bytes. */
  static final class Connection {
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    /** What the client sent (requests). */
    String sentText() {
      return sent.toString(StandardCharsets.ISO_8859_1);
    }

    /** Every byte the client received (responses, headers and bodies). */
    byte[] received() {
      return received.toByteArray();
    }

    /** The responses as text (ISO-8859-1: one char per byte, so binary bodies do not garble the rest). */
    String receivedText() {
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private final ServerSocket server;
  private final int targetPort;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "tcp-tap");
    thread.setDaemon(true);
    return thread;
  });

  private TcpTap(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** A tap in front of 127.0.0.1:port. */
  static TcpTap to(int port) {
    try {
      return new TcpTap(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tap's origin, e.g. {@code http://127.0.0.1:41234}. */
  URI origin() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** The connections so far, oldest first. */
  List<Connection> connections() {
    return new ArrayList<>(connections);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
        sockets.add(client);
        sockets.add(upstream);
        Connection connection = new Connection();
        connections.add(connection);
        threads.execute(() -> pump(client, upstream, connection.sent));
        threads.execute(() -> pump(upstream, client, connection.received));
      } catch (IOException e) {
        // closed, or one connection failed: the next accept decides
      }
    }
  }

  private static void pump(Socket from, Socket to, ByteArrayOutputStream copy) {
    byte[] buffer = new byte[16384];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        copy.write(buffer, 0, n);
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    sockets.forEach(TcpTap::closeQuietly);
    threads.shutdownNow();
  }
}
