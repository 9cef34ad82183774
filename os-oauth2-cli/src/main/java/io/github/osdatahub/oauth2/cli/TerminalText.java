package io.github.osdatahub.oauth2.cli;

/**
 * Makes text safe to print on a terminal as one line: the one filter for everything the command
 * writes to standard error, whose messages may quote what a server sent (a status line, a gateway's
 * error message) or what a user typed (a file name).
 *
 * <p>Tabs and line breaks become spaces. Every other character that a terminal acts on instead of
 * showing is written as a visible {@code \}{@code uXXXX} escape: C0 and C1 controls (ESC, and
 * U+009B, which some terminals take as ESC [), DEL, format characters (the bidirectional overrides
 * and isolates U+202A..U+202E and U+2066..U+2069, the marks U+200E, U+200F and U+061C, zero-width
 * characters), and lone surrogates.
 */
final class TerminalText {
  private TerminalText() {}

  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\t' || c == '\n' || c == '\r' || isLineBreak(c)) {
        b.append(' ');
      } else if (isHidden(c)) {
        b.append(String.format("\\u%04X", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  private static boolean isLineBreak(int c) {
    int type = Character.getType(c);
    return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static boolean isHidden(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
  }
}
