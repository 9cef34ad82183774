package io.github.osdatahub.oauth2.relay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link TokenRelay}'s answer to one request, for an adapter to write: status, headers and body (empty
 * for {@code HEAD}). {@link #toString()} shows the status and the body's length, never the body (it
 * holds a token).
 */
public final class RelayResponse {
  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;

  RelayResponse(int status, Map<String, String> headers, byte[] body) {
    this.status = status;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
  }

  /** {@return the HTTP status} */
  public int status() {
    return status;
  }

  /** {@return the headers to set, one value each, in order; unmodifiable} */
  public Map<String, String> headers() {
    return headers;
  }

  /** {@return a copy of the body: JSON, or empty for {@code HEAD}} */
  public byte[] body() {
    return body.clone();
  }

  /** {@return the body's length in bytes} */
  public int bodyLength() {
    return body.length;
  }

  // Adapters write the body without copying it.
  byte[] bodyBytes() {
    return body;
  }

  @Override
  public String toString() {
    return "RelayResponse[" + status + ", " + body.length + " bytes]";
  }
}
