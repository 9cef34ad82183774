package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one {@code Retry-After} parser (RFC 9110 section 10.2.3). */
class RetryAfterTest {
  // Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example date.
  static final long EXAMPLE = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();

  @Test
  void deltaSeconds() {
    assertThat(RetryAfter.parse("1", 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryAfter.parse(" 120 ", 0)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("0", 0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void hugeDeltaIsClampedNotOverflowed() {
    assertThat(RetryAfter.parse("99999999999999999999999", 0)).isEqualTo(Duration.ofDays(365));
    assertThat(RetryAfter.parse("9999999999", 0)).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void imfFixdateRelativeToTheGivenWallClock() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", EXAMPLE - 5_000)).isEqualTo(Duration.ofSeconds(5));
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", EXAMPLE - 1_500)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void obsoleteDateForms() {
    assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", EXAMPLE - 2_000)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", EXAMPLE - 3_000)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", EXAMPLE + 60_000)).isEqualTo(Duration.ZERO);
  }

  @Test
  void garbageIsIgnored() {
    for (String v : new String[] {null, "", "  ", "soon", "-1", "1.5", "1s", "Sun, 06 Nov 1994", "Mon, 06 Nov 1994 08:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT"}) {
      assertThat(RetryAfter.parse(v, EXAMPLE)).as("%s", v).isNull();
    }
  }
}
