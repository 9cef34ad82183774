package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.osdatahub.oauth2.testkit.internal.Answers;
import io.github.osdatahub.oauth2.testkit.internal.VectorTiles;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * OS Vector Tile API: service metadata ({@code /vts}), style ({@code /vts/resources/styles}) and
 * tiles ({@code /vts/tile/{z}/{y}/{x}.pbf}), each for {@code srs=3857} or {@code 27700} (OS's
 * default). Placeholder bodies; the URLs inside them point back to this hub.
 */
final class VectorTileApi {
  private static final String SERVICE = ProtectedApis.VECTOR_API + "/vts";

  private final FakeOsDataHub hub;

  VectorTileApi(FakeOsDataHub hub) {
    this.hub = hub;
  }

  void metadata(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    String srs = srs(exchange, request);
    if (srs != null) {
      String tiles = hub.baseUri() + SERVICE + "/tile/{z}/{y}/{x}.pbf?" + ProtectedApis.keyParameter(request)
          + "srs=" + srs;
      Answers.json(exchange, 200, VectorTiles.metadata(srs, tiles), Map.of());
    }
  }

  void style(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    String srs = srs(exchange, request);
    if (srs != null) {
      String service = hub.baseUri() + SERVICE + "?" + ProtectedApis.keyParameter(request) + "srs=" + srs;
      Answers.json(exchange, 200, VectorTiles.style(service), Map.of());
    }
  }

  void tile(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    if (srs(exchange, request) == null) {
      return;
    }
    int zoom = Integer.parseInt(path.group(1));
    if (zoom > VectorTiles.MAX_ZOOM) {
      ProtectedApis.badRequest(exchange, "Zoom level " + zoom + " is above " + VectorTiles.MAX_ZOOM + ".");
      return;
    }
    Answers.send(exchange, 200, "application/x-protobuf", VectorTiles.tile(), Map.of());
  }

  /** The asked {@code srs} (27700 when absent), or null after answering 400 for another. */
  private static String srs(HttpExchange exchange, RecordedRequest request) throws IOException {
    String srs = request.queryParameter("srs").orElse("27700");
    if (VectorTiles.knownSrs(srs)) {
      return srs;
    }
    ProtectedApis.badRequest(exchange, "The srs parameter must be 3857 or 27700.");
    return null;
  }
}
