package io.github.osdatahub.oauth2.testkit.internal;

import java.math.BigDecimal;

/** Writes JSON literals; the fake builds its few bodies by hand to keep the member order exact. */
public final class JsonText {
  private JsonText() {}

  /**
   * A JSON number for a finite double, in plain notation without trailing zeros.
   *
   * @param value e.g. {@code 437318.0}
   * @return e.g. {@code 437318}; {@code 0.000001} rather than {@code 1.0E-6}
   */
  public static String number(double value) {
    BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
    return exact.signum() == 0 ? "0" : exact.toPlainString();
  }

  /**
   * A JSON string literal for a value, quotes included.
   *
   * @param value any text
   * @return the quoted, escaped literal
   */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }
}
