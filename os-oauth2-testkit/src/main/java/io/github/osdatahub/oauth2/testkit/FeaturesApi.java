package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.osdatahub.oauth2.testkit.internal.Answers;
import io.github.osdatahub.oauth2.testkit.internal.FeaturesAnswer;
import io.github.osdatahub.oauth2.testkit.internal.GatewayJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * OS NGD API - Features: {@code /collections/{collectionId}/items} as GeoJSON, honouring
 * {@code limit}, {@code bbox}, {@code bbox-crs} and {@code crs} loosely: up to
 * {@value FeaturesAnswer#FEATURES_PER_BOX} points inside the box, in the answer's CRS when the box
 * is given in it, else inside a fixed box near Southampton. Nothing is reprojected.
 */
final class FeaturesApi {
  private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  private static final String EPSG = "http://www.opengis.net/def/crs/EPSG/0/";
  private static final int MAX_LIMIT = 100; // OS's default and its maximum
  /** The CRSs the fake knows, each with the box its features lie in when no usable bbox is given. */
  private static final Map<String, double[]> DEFAULT_BOXES = Map.of(
      CRS84, new double[] {-1.47, 50.90, -1.37, 50.95},
      EPSG + "4326", new double[] {50.90, -1.47, 50.95, -1.37}, // latitude first, as EPSG:4326 orders it
      EPSG + "27700", new double[] {437_000, 115_000, 438_000, 116_000},
      EPSG + "3857", new double[] {-163_640, 6_604_000, -152_510, 6_612_000});

  private final FakeOsDataHub hub;

  FeaturesApi(FakeOsDataHub hub) {
    this.hub = hub;
  }

  void items(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    String collection = path.group(1);
    if (!collection.matches("[a-z]{3}-[a-z]{3,4}-[a-z0-9]+-\\d{1,2}")) {
      error(exchange, 404, "Collection '" + collection + "' is not a supported Collection. Please refer to the"
          + " documentation for a list of supported Collections.");
      return;
    }
    int limit = limit(request.queryParameter("limit"));
    if (limit < 0) {
      error(exchange, 400, "Invalid value for parameter 'limit': an integer from 1 to " + MAX_LIMIT + ".");
      return;
    }
    String crs = request.queryParameter("crs").orElse(CRS84);
    String boxCrs = request.queryParameter("bbox-crs").orElse(CRS84);
    if (!DEFAULT_BOXES.containsKey(crs) || !DEFAULT_BOXES.containsKey(boxCrs)) {
      error(exchange, 400, "Unsupported CRS: " + (DEFAULT_BOXES.containsKey(crs) ? boxCrs : crs) + ".");
      return;
    }
    Optional<String> bboxText = request.queryParameter("bbox");
    double[] bbox = bboxText.map(FeaturesApi::box).orElse(null);
    if (bboxText.isPresent() && bbox == null) {
      error(exchange, 400, "Invalid value for parameter 'bbox': minX,minY,maxX,maxY with min below max.");
      return;
    }
    double[] box = bbox != null && boxCrs.equals(crs) ? bbox : DEFAULT_BOXES.get(crs);
    int count = Math.min(limit, FeaturesAnswer.FEATURES_PER_BOX);
    String body = FeaturesAnswer.items(collection, box, count, ProtectedApis.requestUri(hub, request),
        Instant.ofEpochMilli(hub.timeSource().currentTimeMillis()));
    Answers.send(exchange, 200, "application/geo+json", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** The asked limit, {@value #MAX_LIMIT} when absent, or -1 when not a number from 1 to it. */
  private static int limit(Optional<String> text) {
    if (text.isEmpty()) {
      return MAX_LIMIT;
    }
    if (!text.get().matches("\\d{1,3}")) {
      return -1;
    }
    int limit = Integer.parseInt(text.get());
    return limit >= 1 && limit <= MAX_LIMIT ? limit : -1;
  }

  /** Four finite numbers, min not above max; null otherwise. */
  private static double[] box(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      return null;
    }
    double[] box = new double[4];
    try {
      for (int i = 0; i < 4; i++) {
        box[i] = Double.parseDouble(parts[i].strip());
        if (!Double.isFinite(box[i])) {
          return null;
        }
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return box[0] <= box[2] && box[1] <= box[3] ? box : null;
  }

  private static void error(HttpExchange exchange, int status, String description) throws IOException {
    Answers.json(exchange, status, GatewayJson.ogcApiError(status, description), Map.of());
  }
}
