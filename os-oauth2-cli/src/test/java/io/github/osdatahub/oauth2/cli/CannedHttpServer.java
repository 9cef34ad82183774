package io.github.osdatahub.oauth2.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server on a plain socket that answers every request with the same raw bytes and
 * closes the connection: for answers the JDK's {@code HttpServer} will not send, such as a status
 * line holding an escape character or a body cut short of its {@code Content-Length}.
 */
final class CannedHttpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final byte[] answer;
  private final AtomicInteger requests = new AtomicInteger();

  private CannedHttpServer(byte[] answer) throws IOException {
    this.answer = answer;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::serve, "canned-http-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A server that sends these bytes, as ISO-8859-1, to every request. */
  static CannedHttpServer answering(String rawResponse) throws IOException {
    return new CannedHttpServer(rawResponse.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A complete answer with a UTF-8 JSON body. */
  static CannedHttpServer answeringJson(int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("HTTP/1.1 " + status + " Canned\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return new CannedHttpServer(all);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  int requests() {
    return requests.get();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        readRequest(connection.getInputStream());
        requests.incrementAndGet();
        connection.getOutputStream().write(answer);
        connection.getOutputStream().flush();
      } catch (IOException e) {
        // closed, or a client that went away: serve the next one
      }
    }
  }

  /** Reads the head and any body, so that closing the socket does not reset the connection. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      String text = head.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r\n\r\n")) {
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            in.readNBytes(Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()));
          }
        }
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
