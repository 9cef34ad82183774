package io.github.osdatahub.oauth2.testkit.internal;

import java.util.Optional;

/**
 * A British National Grid point as OS's {@code nearest} searches take it: {@code point=x,y},
 * easting and northing in metres, within the grid.
 *
 * @param x easting
 * @param y northing
 */
public record GridPoint(double x, double y) {
  private static final double MAX_EASTING = 700_000;
  private static final double MAX_NORTHING = 1_300_000;

  /**
   * Reads {@code "x,y"}.
   *
   * @param text e.g. {@code 437293,115539}
   * @return the point, or empty when the text is not two numbers inside the grid
   */
  public static Optional<GridPoint> parse(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      double x = Double.parseDouble(parts[0].strip());
      double y = Double.parseDouble(parts[1].strip());
      boolean inside = x >= 0 && x <= MAX_EASTING && y >= 0 && y <= MAX_NORTHING; // false for NaN too
      return inside ? Optional.of(new GridPoint(x, y)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
