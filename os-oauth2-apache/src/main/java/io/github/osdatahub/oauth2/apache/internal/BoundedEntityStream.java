package io.github.osdatahub.oauth2.apache.internal;

import io.github.osdatahub.oauth2.TokenRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A classic response body stream that is never drained on close. Apache's entity streams read the
 * rest of the body when closed, so that the connection can be reused; after more than
 * {@link TokenRequest#MAX_RESPONSE_BYTES} bytes, or after a failed read, this one instead aborts the
 * exchange (dropping the connection) and then closes.
 */
public final class BoundedEntityStream extends FilterInputStream {
  private final Runnable abort;
  private long count;
  private boolean failed;

  /**
   * Wraps a body stream.
   *
   * @param body the entity stream
   * @param abort drops the exchange's connection without reading further
   */
  public BoundedEntityStream(InputStream body, Runnable abort) {
    super(body);
    this.abort = abort;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    if (!failed && count <= TokenRequest.MAX_RESPONSE_BYTES) {
      super.close(); // the body ended within the bound: a normal close releases the connection
      return;
    }
    abort.run();
    try {
      super.close();
    } catch (IOException ignored) {
      // The connection was just dropped on purpose; the bytes already read are the answer.
    }
  }
}
