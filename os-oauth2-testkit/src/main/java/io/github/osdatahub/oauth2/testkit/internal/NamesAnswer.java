package io.github.osdatahub.oauth2.testkit.internal;

import java.util.Locale;

/**
 * Small answers shaped like the OS Names API's: {@code find} has a {@code header} and two
 * {@code GAZETTEER_ENTRY} results derived from the query, {@code nearest} one entry beside the
 * point; the same for the same question.
 */
public final class NamesAnswer {
  private NamesAnswer() {}

  /**
   * The answer to {@code find?query=...}.
   *
   * @param query the decoded query, not blank
   * @param requestUri the URI that was asked, echoed in {@code header.uri} as the real API does
   * @return the JSON text
   */
  public static String find(String query, String requestUri) {
    long seed = Integer.toUnsignedLong(query.toLowerCase(Locale.ROOT).hashCode());
    long easting = 100_000 + seed % 500_000;
    long northing = 50_000 + (seed / 500_000) % 1_000_000;
    String id = Long.toString(4_000_000_000_000L + seed);
    return "{\"header\":{\"uri\":" + JsonText.quote(requestUri)
        + ",\"query\":" + JsonText.quote(query)
        + ",\"format\":\"JSON\",\"maxresults\":100,\"offset\":0,\"totalresults\":2}"
        + ",\"results\":["
        + entry("osgb" + id, query, "populatedPlace", "City", easting, northing)
        + "," + entry("osgb" + (Long.parseLong(id) + 1), query + " Central", "transportNetwork",
            "Railway Station", easting + 250, northing - 250)
        + "]}";
  }

  /**
   * The answer to {@code nearest?point=x,y}: one hamlet 25 m north-east of the point.
   *
   * @param x easting, British National Grid
   * @param y northing
   * @param requestUri the URI that was asked, echoed in {@code header.uri}
   * @return the JSON text
   */
  public static String nearest(double x, double y, String requestUri) {
    String point = JsonText.number(x) + "," + JsonText.number(y);
    long seed = Integer.toUnsignedLong(point.hashCode());
    return "{\"header\":{\"uri\":" + JsonText.quote(requestUri)
        + ",\"query\":" + JsonText.quote("point=" + point)
        + ",\"format\":\"JSON\",\"maxresults\":1,\"offset\":0,\"totalresults\":1}"
        + ",\"results\":["
        + entry("osgb" + (4_000_000_000_000L + seed), "Fakeham", "populatedPlace", "Hamlet",
            Math.round(x) + 25, Math.round(y) + 25)
        + "]}";
  }

  private static String entry(String id, String name, String type, String localType, long x, long y) {
    return "{\"GAZETTEER_ENTRY\":{\"ID\":" + JsonText.quote(id)
        + ",\"NAMES_URI\":" + JsonText.quote("http://data.ordnancesurvey.co.uk/id/" + id.substring(4))
        + ",\"NAME1\":" + JsonText.quote(name)
        + ",\"TYPE\":" + JsonText.quote(type)
        + ",\"LOCAL_TYPE\":" + JsonText.quote(localType)
        + ",\"GEOMETRY_X\":" + x + ".0,\"GEOMETRY_Y\":" + y + ".0"
        + ",\"MOST_DETAIL_VIEW_RES\":1000,\"LEAST_DETAIL_VIEW_RES\":250000"
        + ",\"MBR_XMIN\":" + (x - 500) + ".0,\"MBR_YMIN\":" + (y - 500) + ".0"
        + ",\"MBR_XMAX\":" + (x + 500) + ".0,\"MBR_YMAX\":" + (y + 500) + ".0"
        + ",\"COUNTRY\":\"England\",\"COUNTRY_URI\":\"http://data.ordnancesurvey.co.uk/id/country/england\"}}";
  }
}
