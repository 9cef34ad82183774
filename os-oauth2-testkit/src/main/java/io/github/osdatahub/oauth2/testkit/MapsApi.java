package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.osdatahub.oauth2.testkit.internal.Answers;
import io.github.osdatahub.oauth2.testkit.internal.FormData;
import io.github.osdatahub.oauth2.testkit.internal.RasterLayers;
import io.github.osdatahub.oauth2.testkit.internal.RasterLayers.MatrixSet;
import io.github.osdatahub.oauth2.testkit.internal.TileImage;
import io.github.osdatahub.oauth2.testkit.internal.WmtsCapabilities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * OS Maps API: ZXY tiles ({@code /zxy/{layer}/{z}/{x}/{y}.png}) and OGC WMTS in KVP encoding
 * ({@code /wmts?service=WMTS&request=GetCapabilities|GetTile...}, parameter names in any case).
 */
final class MapsApi {
  private final FakeOsDataHub hub;

  MapsApi(FakeOsDataHub hub) {
    this.hub = hub;
  }

  void zxyTile(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    Optional<MatrixSet> set = layer(exchange, path.group(1));
    if (set.isPresent() && zoomServed(exchange, set.get(), Integer.parseInt(path.group(2)))) {
      png(exchange);
    }
  }

  void wmts(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    String query = request.query();
    Optional<String> service = FormData.firstIgnoringCase(query, "service");
    if (service.isEmpty() || !service.get().equalsIgnoreCase("WMTS")) {
      ProtectedApis.badRequest(exchange, "The service parameter must be WMTS.");
      return;
    }
    String operation = FormData.firstIgnoringCase(query, "request").orElse("");
    if (operation.equalsIgnoreCase("GetCapabilities")) {
      String kvpUrl = hub.baseUri() + ProtectedApis.RASTER_API + "/wmts?" + ProtectedApis.keyParameter(request);
      Answers.send(exchange, 200, "text/xml;charset=UTF-8",
          WmtsCapabilities.xml(kvpUrl).getBytes(StandardCharsets.UTF_8), Map.of());
    } else if (operation.equalsIgnoreCase("GetTile")) {
      getTile(exchange, query);
    } else {
      ProtectedApis.badRequest(exchange, "The request parameter must be GetCapabilities or GetTile.");
    }
  }

  private void getTile(HttpExchange exchange, String query) throws IOException {
    Optional<String> layerName = FormData.firstIgnoringCase(query, "layer");
    Optional<String> matrix = FormData.firstIgnoringCase(query, "tileMatrix");
    Optional<String> row = FormData.firstIgnoringCase(query, "tileRow").filter(n -> n.matches("\\d{1,9}"));
    Optional<String> column = FormData.firstIgnoringCase(query, "tileCol").filter(n -> n.matches("\\d{1,9}"));
    if (layerName.isEmpty() || matrix.isEmpty() || row.isEmpty() || column.isEmpty()) {
      ProtectedApis.badRequest(exchange, "GetTile needs layer, tileMatrix, tileRow and tileCol.");
      return;
    }
    Optional<MatrixSet> set = layer(exchange, layerName.get());
    if (set.isEmpty()) {
      return;
    }
    Optional<String> setName = FormData.firstIgnoringCase(query, "tileMatrixSet");
    if (setName.isPresent() && !setName.get().equals(set.get().id())) {
      ProtectedApis.badRequest(exchange, "Layer " + layerName.get() + " has the tile matrix set " + set.get().id()
          + ", not " + setName.get() + ".");
      return;
    }
    // "EPSG:3857:12" as the capabilities name it; a bare "12" is taken too.
    String level = matrix.get().startsWith(set.get().id() + ":")
        ? matrix.get().substring(set.get().id().length() + 1) : matrix.get();
    if (!level.matches("\\d{1,2}")) {
      ProtectedApis.badRequest(exchange, "Unknown tile matrix " + matrix.get() + ".");
      return;
    }
    int zoom = Integer.parseInt(level);
    if (!zoomServed(exchange, set.get(), zoom)) {
      return;
    }
    if (Long.parseLong(row.get()) >= set.get().matrixHeight(zoom)
        || Long.parseLong(column.get()) >= set.get().matrixWidth(zoom)) {
      ProtectedApis.badRequest(exchange, "tileRow or tileCol is outside tile matrix " + matrix.get() + ".");
      return;
    }
    png(exchange);
  }

  /** The layer's matrix set, or a 400 naming the layers there are. */
  private static Optional<MatrixSet> layer(HttpExchange exchange, String layer) throws IOException {
    Optional<MatrixSet> set = RasterLayers.matrixSetOf(layer);
    if (set.isEmpty()) {
      ProtectedApis.badRequest(exchange, "Unknown layer " + layer + "; the layers are "
          + String.join(", ", RasterLayers.names()) + ".");
    }
    return set;
  }

  private static boolean zoomServed(HttpExchange exchange, MatrixSet set, int zoom) throws IOException {
    if (set.serves(zoom)) {
      return true;
    }
    ProtectedApis.badRequest(exchange, "Zoom level " + zoom + " is outside " + set.id() + "'s "
        + set.minZoom() + " to " + set.maxZoom() + ".");
    return false;
  }

  private static void png(HttpExchange exchange) throws IOException {
    Answers.send(exchange, 200, "image/png", TileImage.png(), Map.of());
  }
}
