package io.github.osdatahub.oauth2.testkit.internal;

import java.util.Locale;

/**
 * Small answers shaped like the OS Places API's: a {@code header} and {@code DPA} results with
 * OS's member names, values made up from the question, the same for the same question.
 */
public final class PlacesAnswer {
  private static final String TOWN = "SOUTHAMPTON";
  private static final String STREET = "FAKE STREET";

  private PlacesAnswer() {}

  /**
   * The answer to {@code find?query=...}: two addresses matching the query.
   *
   * @param query the decoded query, not blank
   * @param requestUri the URI that was asked, echoed in {@code header.uri}
   * @return the JSON text
   */
  public static String find(String query, String requestUri) {
    long seed = seed(query);
    String postcode = postcodeFrom(seed);
    String name = query.toUpperCase(Locale.ROOT);
    return answer(requestUri, "query=" + query, ",\"matchprecision\":1", 2,
        dpa(seed, "1", name + ", " + TOWN + ", " + postcode, postcode, ",\"MATCH\":1.0,\"MATCH_DESCRIPTION\":\"EXACT\"")
        + "," + dpa(seed + 1, "2", name + ", " + TOWN + ", " + postcode, postcode,
            ",\"MATCH\":0.8,\"MATCH_DESCRIPTION\":\"GOOD\""));
  }

  /**
   * The answer to {@code postcode?postcode=...}: two addresses in that postcode.
   *
   * @param postcode the postcode as asked, letters, digits and spaces
   * @param requestUri the URI that was asked
   * @return the JSON text
   */
  public static String postcode(String postcode, String requestUri) {
    String normalized = normalizedPostcode(postcode);
    long seed = seed(normalized);
    return answer(requestUri, "postcode=" + postcode, "", 2,
        dpa(seed, "1", TOWN + ", " + normalized, normalized, "")
        + "," + dpa(seed + 1, "2", TOWN + ", " + normalized, normalized, ""));
  }

  /**
   * The answer to {@code nearest?point=x,y}: one address ten metres north-east of the point.
   *
   * @param x easting, British National Grid
   * @param y northing
   * @param requestUri the URI that was asked
   * @return the JSON text
   */
  public static String nearest(double x, double y, String requestUri) {
    String point = JsonText.number(x) + "," + JsonText.number(y);
    long seed = seed(point);
    String postcode = postcodeFrom(seed);
    return answer(requestUri, "point=" + point, "", 1,
        dpaAt(seed, "1", "1, " + STREET + ", " + TOWN + ", " + postcode, postcode, x + 10, y + 10, ""));
  }

  private static String answer(String uri, String query, String extraHeader, int total, String results) {
    return "{\"header\":{\"uri\":" + JsonText.quote(uri)
        + ",\"query\":" + JsonText.quote(query)
        + ",\"offset\":0,\"totalresults\":" + total
        + ",\"format\":\"JSON\",\"dataset\":\"DPA\",\"lr\":\"EN,CY\",\"maxresults\":100" + extraHeader
        + ",\"epoch\":\"113\",\"lastupdate\":\"2025-01-01\",\"output_srs\":\"EPSG:27700\"}"
        + ",\"results\":[" + results + "]}";
  }

  /** An address {@code "<number>, FAKE STREET, <addressTail>"} somewhere in southern England. */
  private static String dpa(long seed, String number, String addressTail, String postcode, String match) {
    long x = 400_000 + seed % 100_000;
    long y = 100_000 + (seed / 100_000) % 100_000;
    return dpaAt(seed, number, number + ", " + STREET + ", " + addressTail, postcode, x, y, match);
  }

  private static String dpaAt(long seed, String number, String address, String postcode, double x, double y,
      String match) {
    return "{\"DPA\":{\"UPRN\":" + JsonText.quote(Long.toString(100_000_000_000L + seed % 900_000_000_000L))
        + ",\"UDPRN\":" + JsonText.quote(Long.toString(10_000_000 + seed % 90_000_000))
        + ",\"ADDRESS\":" + JsonText.quote(address)
        + ",\"BUILDING_NUMBER\":" + JsonText.quote(number)
        + ",\"THOROUGHFARE_NAME\":" + JsonText.quote(STREET)
        + ",\"POST_TOWN\":" + JsonText.quote(TOWN)
        + ",\"POSTCODE\":" + JsonText.quote(postcode)
        + ",\"STATUS\":\"APPROVED\",\"LOGICAL_STATUS_CODE\":\"1\""
        + ",\"CLASSIFICATION_CODE\":\"RD04\",\"CLASSIFICATION_CODE_DESCRIPTION\":\"Terraced\""
        + ",\"X_COORDINATE\":" + JsonText.number(x) + ",\"Y_COORDINATE\":" + JsonText.number(y)
        + ",\"COUNTRY_CODE\":\"E\",\"COUNTRY_CODE_DESCRIPTION\":\"This record is within England\""
        + ",\"LANGUAGE\":\"EN\"" + match + "}}";
  }

  private static long seed(String text) {
    return Integer.toUnsignedLong(text.toLowerCase(Locale.ROOT).hashCode());
  }

  private static String postcodeFrom(long seed) {
    return "SO" + (10 + seed % 50) + " " + (seed % 10) + (char) ('A' + seed % 26) + (char) ('A' + seed / 26 % 26);
  }

  /** Upper case, single spaces, and a space before the inward code (the last three characters). */
  static String normalizedPostcode(String postcode) {
    String compact = postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    int inward = compact.length() - 3;
    return inward > 0 ? compact.substring(0, inward) + " " + compact.substring(inward) : compact;
  }
}
