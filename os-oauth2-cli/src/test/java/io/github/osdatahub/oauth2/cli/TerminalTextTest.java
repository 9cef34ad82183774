package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalTextTest {
  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {
      "0000", "0007", "001B", "007F",                 // C0 controls (ESC starts terminal sequences) and DEL
      "0080", "0085", "009B", "009D",                 // C1: CSI (U+009B) and OSC act as ESC [ and ESC ]
      "202A", "202B", "202C", "202D", "202E",         // bidi embeddings and overrides
      "2066", "2067", "2068", "2069",                 // bidi isolates
      "200E", "200F", "061C",                         // bidi marks
      "200B", "FEFF", "D800"})                        // zero-width space, BOM, a lone surrogate
  void writesEveryCharacterATerminalActsOnAsAVisibleEscape(String hex) {
    char c = (char) Integer.parseInt(hex, 16);

    String shown = TerminalText.oneLine("before" + c + "after");

    assertThat(shown).isEqualTo("before\\u" + hex + "after");
    assertThat(shown.chars()).allMatch(ch -> ch >= 0x20 && ch < 0x7F);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r", "\r\n", "\t", "\u2028", "\u2029"})
  void lineBreaksAndTabsBecomeSpaces(String brk) {
    assertThat(TerminalText.oneLine("one" + brk + "line")).matches("one +line");
  }

  @Test
  void printableTextIsLeftAlone() {
    String text = "GET https://api.os.uk/maps?q=Ely failed: é ü 東京 \uD83D\uDDFA\uFE0F [31m \\u001B";

    assertThat(TerminalText.oneLine(text)).isEqualTo(text);
  }
}
