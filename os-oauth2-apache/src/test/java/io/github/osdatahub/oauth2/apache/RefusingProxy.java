package io.github.osdatahub.oauth2.apache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.core5.http.HttpHost;

/**
 * A proxy on a plain socket that refuses every request with a 502 and records each request head
 * exactly as it arrived: what a client put in its {@code CONNECT}. (The JDK's HttpServer cannot
 * take a {@code CONNECT}.)
 */
final class RefusingProxy implements AutoCloseable {
  private final ServerSocket socket;
  private final List<String> heads = new CopyOnWriteArrayList<>();

  private RefusingProxy(ServerSocket socket) {
    this.socket = socket;
    Thread accept = new Thread(this::acceptLoop, "refusing-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  static RefusingProxy start(String address) {
    try {
      return new RefusingProxy(new ServerSocket(0, 50, InetAddress.getByName(address)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpHost host() {
    return new HttpHost("http", socket.getInetAddress().getHostAddress(), socket.getLocalPort());
  }

  /** The request heads received, oldest first: request line and headers, CRLF-separated. */
  List<String> heads() {
    return List.copyOf(heads);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        heads.add(readHead(connection.getInputStream()));
        connection.getOutputStream().write(
            "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // closed, or the client went away: next connection
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
