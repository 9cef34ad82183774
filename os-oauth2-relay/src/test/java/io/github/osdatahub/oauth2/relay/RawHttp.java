package io.github.osdatahub.oauth2.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange over a plain socket ({@code Connection: close}, read to the end), so that a test
 * controls every request header (Host, Origin, any method) and sees every byte of the answer.
 */
final class RawHttp {
  private RawHttp() {}

  /** An answer as received: status, headers (case-insensitive), body, and every byte. */
  record Answer(int status, Map<String, List<String>> headers, byte[] body, byte[] raw) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.get(0);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * @param headerLines extra request headers as {@code "Name: value"}; a {@code Host} among them replaces
   *     the default ({@code host:port} of base)
   */
  static Answer exchange(URI base, String method, String path, String... headerLines) throws IOException {
    StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    boolean hostGiven = Arrays.stream(headerLines).anyMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5));
    if (!hostGiven) {
      request.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
    }
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      request.append("Content-Length: 0\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(60_000); // a hung server fails the test instead of hanging it
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return parse(in.readAllBytes());
    }
  }

  static Answer get(URI base, String... headerLines) throws IOException {
    return exchange(base, "GET", TokenRelay.DEFAULT_PATH, headerLines);
  }

  private static Answer parse(byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      throw new AssertionError("no complete header in the answer: " + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).strip());
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    List<String> encoding = headers.get("Transfer-Encoding");
    if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
      body = unchunk(body);
    }
    return new Answer(status, headers, body, raw);
  }

  private static byte[] unchunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = indexOf(Arrays.copyOfRange(chunked, at, chunked.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
      int size = Integer.parseInt(new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
      at += lineEnd + 2;
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(chunked, at, size);
      at += size + 2;
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
