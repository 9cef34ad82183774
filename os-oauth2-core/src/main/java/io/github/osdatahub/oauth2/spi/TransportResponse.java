package io.github.osdatahub.oauth2.spi;

import io.github.osdatahub.oauth2.TokenRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a transport got back: status, headers (names case-insensitive) and a body read up to
 * {@link TokenRequest#MAX_RESPONSE_BYTES}.
 *
 * <pre>{@code
 * return TransportResponse.read(status, headers, bodyStream);   // reads at most 64 KiB + 1 byte
 * }</pre>
 */
public final class TransportResponse {
  private static final int MAX = TokenRequest.MAX_RESPONSE_BYTES;

  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final boolean truncated;

  private TransportResponse(int status, Map<String, List<String>> headers, byte[] body) {
    this.status = status;
    this.headers = copy(headers);
    this.truncated = body.length > MAX;
    this.body = truncated ? Arrays.copyOf(body, MAX) : body.clone();
  }

  /**
   * @param status the HTTP status
   * @param headers header name to values (any case)
   * @param body the body bytes; over the bound, cut and flagged
   * @return the answer
   */
  public static TransportResponse of(int status, Map<String, List<String>> headers, byte[] body) {
    return new TransportResponse(status, headers, body);
  }

  /**
   * @param status the HTTP status
   * @param headers header name to values (any case)
   * @param body the body stream, or null for none; read up to the bound plus one byte, then closed
   * @return the answer
   * @throws IOException when reading fails
   */
  public static TransportResponse read(int status, Map<String, List<String>> headers, InputStream body)
      throws IOException {
    try (InputStream in = body) {
      return new TransportResponse(status, headers, in == null ? new byte[0] : in.readNBytes(MAX + 1));
    }
  }

  // Loops rather than lambdas and streams: this runs in every fresh JVM on the way to its first token.
  private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        String name = header.getKey();
        List<String> values = header.getValue();
        if (name == null || values == null) {
          continue;
        }
        String key = name.toLowerCase(Locale.ROOT);
        List<String> before = m.get(key);
        if (before == null) {
          m.put(key, List.copyOf(values));
        } else {
          List<String> both = new ArrayList<>(before);
          both.addAll(values);
          m.put(key, List.copyOf(both));
        }
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** {@return the HTTP status} */
  public int status() {
    return status;
  }

  /** {@return all headers, unmodifiable, names case-insensitive} */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * @param name the header name, any case
   * @return the header's first value, if present
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name)).filter(values -> !values.isEmpty()).map(values -> values.get(0));
  }

  /** {@return a copy of the body, at most {@link TokenRequest#MAX_RESPONSE_BYTES}} */
  public byte[] body() {
    return body.clone();
  }

  /** {@return whether the server sent more than the bound and the rest was not read} */
  public boolean truncated() {
    return truncated;
  }

  @Override
  public String toString() {
    return "TransportResponse[status=" + status + ", bodyBytes=" + body.length + (truncated ? "+" : "") + "]";
  }
}
