package io.github.osdatahub.oauth2.spi;

import io.github.osdatahub.oauth2.TokenRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a transport got back: status, headers and a body read up to
 * {@link TokenRequest#MAX_RESPONSE_BYTES}. Header names are case-insensitive.
 *
 * <pre>{@code
 * return TransportResponse.read(status, headers, bodyStream);   // reads at most 64 KiB + 1 byte
 * }</pre>
 */
public final class TransportResponse {
  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final boolean truncated;

  private TransportResponse(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.truncated = truncated;
  }

  /**
   * An answer from parts already in memory; a body over the bound is cut and flagged.
   *
   * @param status the HTTP status
   * @param headers header name to values (any case)
   * @param body the body bytes
   * @return the answer
   */
  public static TransportResponse of(int status, Map<String, List<String>> headers, byte[] body) {
    boolean over = body.length > TokenRequest.MAX_RESPONSE_BYTES;
    return new TransportResponse(status, copy(headers),
        over ? Arrays.copyOf(body, TokenRequest.MAX_RESPONSE_BYTES) : body.clone(), over);
  }

  /**
   * An answer whose body is read from a stream, at most {@link TokenRequest#MAX_RESPONSE_BYTES}
   * plus one byte (to learn whether there was more). Closes the stream.
   *
   * @param status the HTTP status
   * @param headers header name to values (any case)
   * @param body the body stream, or null for none
   * @return the answer
   * @throws IOException when reading fails
   */
  public static TransportResponse read(int status, Map<String, List<String>> headers, InputStream body)
      throws IOException {
    if (body == null) {
      return new TransportResponse(status, copy(headers), new byte[0], false);
    }
    try (InputStream in = body) {
      byte[] bytes = in.readNBytes(TokenRequest.MAX_RESPONSE_BYTES + 1);
      boolean over = bytes.length > TokenRequest.MAX_RESPONSE_BYTES;
      return new TransportResponse(status, copy(headers),
          over ? Arrays.copyOf(bytes, TokenRequest.MAX_RESPONSE_BYTES) : bytes, over);
    }
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((k, v) -> {
        if (k != null && v != null) {
          m.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
          });
        }
      });
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The HTTP status.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * All headers, names case-insensitive.
   *
   * @return an unmodifiable map
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the value, if present
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The body, at most {@link TokenRequest#MAX_RESPONSE_BYTES}.
   *
   * @return a copy of the body bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Whether the server sent more than {@link TokenRequest#MAX_RESPONSE_BYTES} and the rest was not read.
   *
   * @return true when cut
   */
  public boolean truncated() {
    return truncated;
  }

  @Override
  public String toString() {
    return "TransportResponse[status=" + status + ", bodyBytes=" + body.length + (truncated ? "+" : "") + "]";
  }
}
