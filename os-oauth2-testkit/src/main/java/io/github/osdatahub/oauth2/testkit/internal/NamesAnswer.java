package io.github.osdatahub.oauth2.testkit.internal;

import java.util.Locale;

/**
 * A small answer shaped like the OS Names API's {@code find}: a {@code header} and two
 * {@code GAZETTEER_ENTRY} results derived from the query, the same for the same query.
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
