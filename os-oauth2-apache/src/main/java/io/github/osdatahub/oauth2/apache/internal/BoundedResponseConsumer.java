package io.github.osdatahub.oauth2.apache.internal;

import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * An async response consumer that keeps at most {@link TokenRequest#MAX_RESPONSE_BYTES} plus one
 * byte of the body. On that byte it hands over the answer (flagged truncated) and aborts the
 * exchange by failing the rest of it, so the remainder is never read and the connection is dropped
 * rather than drained.
 */
public final class BoundedResponseConsumer implements AsyncResponseConsumer<TransportResponse> {
  private static final int LIMIT = TokenRequest.MAX_RESPONSE_BYTES + 1;

  private volatile FutureCallback<TransportResponse> callback;
  private int status;
  private Map<String, List<String>> headers;
  private byte[] body = new byte[1024];
  private int size;
  private boolean done;

  /** A consumer for one exchange. */
  public BoundedResponseConsumer() {}

  @Override
  public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context,
      FutureCallback<TransportResponse> resultCallback) {
    this.status = response.getCode();
    this.headers = headers(response);
    this.callback = resultCallback;
    if (entityDetails == null) {
      finish();
    }
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context) {
    // 1xx answers carry nothing a token exchange needs.
  }

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    capacityChannel.update(Math.max(0, LIMIT - size));
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    if (done) {
      throw overBound();
    }
    int n = Math.min(src.remaining(), LIMIT - size);
    if (size + n > body.length) {
      body = Arrays.copyOf(body, Math.min(LIMIT, Math.max(size + n, body.length * 2)));
    }
    src.get(body, size, n);
    size += n;
    if (size == LIMIT) {
      finish();
      // Failing the exchange is how an async consumer stops the transfer: Apache then drops the
      // connection instead of reading the rest. The answer above is already delivered.
      throw overBound();
    }
  }

  private static IOException overBound() {
    return new IOException("response body over " + TokenRequest.MAX_RESPONSE_BYTES
        + " bytes: the exchange is aborted rather than read further");
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    finish();
  }

  @Override
  public void failed(Exception cause) {
    FutureCallback<TransportResponse> c = callback;
    if (c != null && !done) {
      done = true;
      c.failed(cause);
    }
  }

  @Override
  public void releaseResources() {
    // Nothing held outside this object.
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    callback.completed(TransportResponse.of(status, headers, Arrays.copyOf(body, size)));
  }

  private static Map<String, List<String>> headers(HttpResponse response) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (Header h : response.getHeaders()) {
      map.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
    }
    return map;
  }
}
