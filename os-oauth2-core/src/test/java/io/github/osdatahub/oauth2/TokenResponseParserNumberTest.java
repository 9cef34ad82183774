package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written check of {@code expires_in}'s number text agrees with the regex it replaced
 * (kept here as the specification) on every string of up to five characters from the alphabet that
 * matters.
 */
class TokenResponseParserNumberTest {
  private static final Pattern JSON_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final char[] ALPHABET = "-+.eE05x ".toCharArray();

  @Test
  void agreesWithTheRegexOnEveryShortString() {
    int checked = check("", 5);

    assertThat(checked).isEqualTo(1 + 9 + 81 + 729 + 6561 + 59049);
  }

  @Test
  void acceptsWhatJsonWritesAndRefusesTheRest() {
    assertThat(TokenResponseParser.isNumberText("299")).isTrue();
    assertThat(TokenResponseParser.isNumberText("-0.5e+10")).isTrue();
    assertThat(TokenResponseParser.isNumberText("007")).isTrue();
    assertThat(TokenResponseParser.isNumberText("")).isFalse();
    assertThat(TokenResponseParser.isNumberText("1.")).isFalse();
    assertThat(TokenResponseParser.isNumberText(".5")).isFalse();
    assertThat(TokenResponseParser.isNumberText("1e")).isFalse();
    assertThat(TokenResponseParser.isNumberText("+1")).isFalse();
    assertThat(TokenResponseParser.isNumberText("١٢")).isFalse(); // Arabic-Indic digits: not [0-9]
  }

  private static int check(String prefix, int depth) {
    assertThat(TokenResponseParser.isNumberText(prefix)).as("'%s'", prefix)
        .isEqualTo(JSON_NUMBER.matcher(prefix).matches());
    int checked = 1;
    if (depth > 0) {
      for (char c : ALPHABET) {
        checked += check(prefix + c, depth - 1);
      }
    }
    return checked;
  }
}
