package io.github.osdatahub.oauth2.jdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server on a plain socket that reads each request and writes one canned answer, then
 * closes the connection. Records each request head as text. (Test code here is compiled in the
 * module, which does not read {@code jdk.httpserver}.)
 */
final class CannedSocketServer implements AutoCloseable {
  private final ServerSocket listener;
  private final byte[] answer;
  private final List<String> heads = new CopyOnWriteArrayList<>();

  CannedSocketServer(String answer) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.answer = answer.getBytes(StandardCharsets.US_ASCII);
    Thread acceptor = new Thread(this::acceptLoop, "canned-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
  }

  List<String> heads() {
    return List.copyOf(heads);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept()) {
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        heads.add(head);
        in.readNBytes(contentLength(head));
        socket.getOutputStream().write(answer);
        socket.getOutputStream().flush();
      } catch (IOException e) {
        // closed, or the client went away
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the head ended");
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
          : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
