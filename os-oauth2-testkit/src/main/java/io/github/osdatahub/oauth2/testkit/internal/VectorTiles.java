package io.github.osdatahub.oauth2.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Placeholder answers of the OS Vector Tile API: service metadata in the shape OS documents (an
 * ArcGIS vector tile service, which also serves as the style's TileJSON source), a Mapbox GL style
 * whose source points back to the fake, and one small Mapbox Vector Tile with an empty layer.
 */
public final class VectorTiles {
  /** Vector tile levels served, as OS's {@code maxzoom}/{@code maxLOD}. */
  public static final int MAX_ZOOM = 15;
  /** The one layer in every tile, and the {@code source-layer} the style draws. */
  public static final String LAYER = "placeholder";

  private static final int TILE_PIXELS = 512; // ArcGIS vector tiles are 512 pixels
  private static final double METRES_PER_INCH = 0.0254;
  private static final int DPI = 96;
  private static final byte[] TILE = emptyLayerTile();

  private VectorTiles() {}

  /**
   * Whether an {@code srs} query value names one of the two systems OS serves.
   *
   * @param srs the value as sent
   * @return true for {@code 3857} and {@code 27700}
   */
  public static boolean knownSrs(String srs) {
    return srs.equals("3857") || srs.equals("27700");
  }

  /**
   * The service metadata.
   *
   * @param srs {@code 3857} or {@code 27700}
   * @param tileUrlTemplate the absolute tile URL with {@code {z}/{y}/{x}} placeholders
   * @return the JSON text
   */
  public static String metadata(String srs, String tileUrlTemplate) {
    boolean mercator = srs.equals("3857");
    String reference = mercator ? "{\"wkid\":102100,\"latestWkid\":3857}" : "{\"wkid\":27700,\"latestWkid\":27700}";
    String extent = mercator
        ? "{\"xmin\":-1198263.0,\"ymin\":6365004.0,\"xmax\":1315842.0,\"ymax\":8702718.0,\"spatialReference\":"
        : "{\"xmin\":-238375.0,\"ymin\":0.0,\"xmax\":900000.0,\"ymax\":1376256.0,\"spatialReference\":";
    double zoomZeroResolution = mercator ? 78_271.51696402048 : 896.0;
    String origin = mercator ? "{\"x\":-20037508.342787,\"y\":20037508.342787}" : "{\"x\":-238375.0,\"y\":1376256.0}";
    StringBuilder lods = new StringBuilder();
    for (int level = 0; level <= MAX_ZOOM; level++) {
      double resolution = zoomZeroResolution / (1L << level);
      lods.append(level == 0 ? "" : ",").append("{\"level\":").append(level)
          .append(",\"resolution\":").append(resolution)
          .append(",\"scale\":").append(resolution * DPI / METRES_PER_INCH).append('}');
    }
    return "{\"currentVersion\":10.81,\"name\":\"OS Vector Tile API (FakeOsDataHub)\""
        + ",\"capabilities\":\"TilesOnly\",\"type\":\"indexedVector\",\"defaultStyles\":\"resources/styles\""
        + ",\"tiles\":[" + JsonText.quote(tileUrlTemplate) + "],\"exportTilesAllowed\":false"
        + ",\"initialExtent\":" + extent + reference + "}"
        + ",\"fullExtent\":" + extent + reference + "}"
        + ",\"minScale\":0,\"maxScale\":0"
        + ",\"tileInfo\":{\"rows\":" + TILE_PIXELS + ",\"cols\":" + TILE_PIXELS + ",\"dpi\":" + DPI
        + ",\"format\":\"pbf\",\"origin\":" + origin + ",\"spatialReference\":" + reference
        + ",\"lods\":[" + lods + "]}"
        + ",\"maxzoom\":" + MAX_ZOOM + ",\"minLOD\":0,\"maxLOD\":" + MAX_ZOOM + "}";
  }

  /**
   * A Mapbox GL style (version 8) with OS's source name, {@code esri}, pointing back to the fake's
   * service metadata, a background and one fill layer that makes a map library fetch tiles. No
   * {@code sprite} or {@code glyphs}: the fake serves neither.
   *
   * @param serviceUrl the absolute URL of the service metadata (with its {@code srs})
   * @return the JSON text
   */
  public static String style(String serviceUrl) {
    return "{\"version\":8,\"name\":\"OS Vector Tile API placeholder (FakeOsDataHub)\""
        + ",\"sources\":{\"esri\":{\"type\":\"vector\",\"url\":" + JsonText.quote(serviceUrl) + "}}"
        + ",\"layers\":[{\"id\":\"background\",\"type\":\"background\",\"paint\":{\"background-color\":\"#EEF2E6\"}}"
        + ",{\"id\":\"" + LAYER + "\",\"type\":\"fill\",\"source\":\"esri\",\"source-layer\":\"" + LAYER + "\""
        + ",\"paint\":{\"fill-color\":\"#C8D7B4\"}}]}";
  }

  /**
   * The tile: a Mapbox Vector Tile (version 2) holding one layer, {@value #LAYER}, with no features.
   *
   * @return a fresh copy of the protobuf bytes
   */
  public static byte[] tile() {
    return TILE.clone();
  }

  private static byte[] emptyLayerTile() {
    byte[] name = LAYER.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    layer.write(0x0A); // field 1 (name), length-delimited
    layer.write(name.length);
    layer.writeBytes(name);
    layer.write(0x28); // field 5 (extent), varint 4096
    layer.writeBytes(new byte[] {(byte) 0x80, 0x20});
    layer.write(0x78); // field 15 (version), varint 2
    layer.write(2);
    ByteArrayOutputStream tile = new ByteArrayOutputStream();
    tile.write(0x1A); // field 3 (layers), length-delimited
    tile.write(layer.size());
    tile.writeBytes(layer.toByteArray());
    return tile.toByteArray();
  }
}
