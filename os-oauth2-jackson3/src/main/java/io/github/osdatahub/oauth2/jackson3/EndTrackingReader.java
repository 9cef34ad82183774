package io.github.osdatahub.oauth2.jackson3;

import java.io.Reader;
import java.util.Objects;

/**
 * A reader over a string that remembers whether the parser asked for more after the last
 * character. A parser only does that when the text ended before the value did, so a syntax error
 * seen after it means the input was truncated, whatever words the library used.
 */
final class EndTrackingReader extends Reader {
  private final String text;
  private int position;
  private boolean reachedEnd;

  EndTrackingReader(String text) {
    this.text = text;
  }

  @Override
  public int read(char[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    if (position >= text.length()) {
      reachedEnd = true;
      return -1;
    }
    int count = Math.min(length, text.length() - position);
    text.getChars(position, position + count, buffer, offset);
    position += count;
    return count;
  }

  boolean reachedEnd() {
    return reachedEnd;
  }

  @Override
  public void close() {
    // Nothing to release: the text is in memory.
  }
}
