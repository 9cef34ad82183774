package io.github.osdatahub.oauth2;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110 section 10.2.3): delta-seconds, or an HTTP date
 * in the preferred IMF-fixdate form or the two obsolete forms (RFC 850, asctime), taken relative
 * to a given wall-clock time. The one place this is parsed.
 */
final class RetryAfter {
  private static final long MAX_SECONDS = 365L * 24 * 3600;

  private static final List<DateTimeFormatter> DATES = List.of(
      DateTimeFormatter.RFC_1123_DATE_TIME,                          // Sun, 06 Nov 1994 08:49:37 GMT
      new DateTimeFormatterBuilder().parseCaseInsensitive()           // Sunday, 06-Nov-94 08:49:37 GMT
          .appendPattern("EEEE, dd-MMM-")
          .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
          .appendPattern(" HH:mm:ss 'GMT'")
          .toFormatter(Locale.US),
      new DateTimeFormatterBuilder().parseCaseInsensitive()           // Sun Nov  6 08:49:37 1994
          .appendPattern("EEE MMM ppd HH:mm:ss yyyy")
          .toFormatter(Locale.US));

  private RetryAfter() {}

  public static Duration parse(String value, long nowMillis) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      return null;
    }
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // A run of digits too long for a long is still a (very long) delay, not garbage.
      return Duration.ofSeconds(v.length() > 12 ? MAX_SECONDS : Math.min(Long.parseLong(v), MAX_SECONDS));
    }
    for (DateTimeFormatter format : DATES) {
      try {
        // IMF-fixdate carries its zone ("GMT", or an offset from a sloppy server); the obsolete forms are GMT.
        Instant at = format == DateTimeFormatter.RFC_1123_DATE_TIME ? Instant.from(format.parse(v))
            : LocalDateTime.parse(v, format).toInstant(ZoneOffset.UTC);
        long millis = at.toEpochMilli() - nowMillis;
        return Duration.ofMillis(Math.max(0, Math.min(millis, MAX_SECONDS * 1000)));
      } catch (DateTimeException e) {
        // try the next form
      }
    }
    return null;
  }
}
