package io.github.osdatahub.oauth2.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A small GeoJSON {@code FeatureCollection} shaped like an OS NGD API - Features {@code items}
 * answer: points spread along the diagonal of the asked box, each with an id that depends only on
 * the collection and its place in the answer.
 */
public final class FeaturesAnswer {
  /** How many features the fake holds in any box; {@code limit} may ask for fewer. */
  public static final int FEATURES_PER_BOX = 10;

  private FeaturesAnswer() {}

  /**
   * The answer.
   *
   * @param collectionId the collection asked for
   * @param box {@code minX, minY, maxX, maxY} in the answer's coordinate system
   * @param count how many features, 0 to {@value #FEATURES_PER_BOX}
   * @param selfUrl the URL that was asked, for the {@code self} link
   * @param now the fake's clock, for {@code timeStamp}
   * @return the JSON text
   */
  public static String items(String collectionId, double[] box, int count, String selfUrl, Instant now) {
    StringBuilder features = new StringBuilder();
    for (int i = 0; i < count; i++) {
      double share = (i + 1.0) / (count + 1.0);
      String id = UUID.nameUUIDFromBytes((collectionId + "#" + i).getBytes(StandardCharsets.UTF_8)).toString();
      features.append(i == 0 ? "" : ",")
          .append("{\"id\":").append(JsonText.quote(id))
          .append(",\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
          .append(JsonText.number(rounded(box[0] + (box[2] - box[0]) * share))).append(',')
          .append(JsonText.number(rounded(box[1] + (box[3] - box[1]) * share))).append("]}")
          .append(",\"properties\":{\"osid\":").append(JsonText.quote(id))
          .append(",\"description\":").append(JsonText.quote("FakeOsDataHub feature " + (i + 1) + " of " + count))
          .append("}}");
    }
    return "{\"type\":\"FeatureCollection\",\"numberReturned\":" + count
        + ",\"timeStamp\":" + JsonText.quote(now.truncatedTo(ChronoUnit.SECONDS).toString())
        + ",\"links\":[{\"href\":" + JsonText.quote(selfUrl)
        + ",\"rel\":\"self\",\"type\":\"application/geo+json\",\"title\":\"This document\"}]"
        + ",\"features\":[" + features + "]}";
  }

  private static double rounded(double coordinate) {
    return Math.round(coordinate * 1e6) / 1e6;
  }
}
