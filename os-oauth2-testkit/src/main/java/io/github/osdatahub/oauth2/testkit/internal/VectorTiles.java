package io.github.osdatahub.oauth2.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Placeholder answers of the OS Vector Tile API: service metadata in the shape OS documents (an
 * ArcGIS vector tile service, which also serves as the style's TileJSON source), a Mapbox GL style
 * whose source points back to the fake, and one small Mapbox Vector Tile with a single square.
 */
public final class VectorTiles {
  /** Vector tile levels served, as OS's {@code maxzoom}/{@code maxLOD}. */
  public static final int MAX_ZOOM = 15;
  /** The one layer in every tile, and the {@code source-layer} the style draws. */
  public static final String LAYER = "placeholder";

  private static final int TILE_PIXELS = 512; // ArcGIS vector tiles are 512 pixels
  private static final double METRES_PER_INCH = 0.0254;
  private static final int DPI = 96;
  private static final byte[] TILE = squareTile();

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
   * The tile: a Mapbox Vector Tile (version 2) holding one layer, {@value #LAYER}, with one
   * feature: a square polygon just inside the tile's edges, which the style fills.
   *
   * @return a fresh copy of the protobuf bytes
   */
  public static byte[] tile() {
    return TILE.clone();
  }

  private static byte[] squareTile() {
    int extent = 4096;
    int inset = 64;
    int side = extent - 2 * inset;
    // Commands as the spec packs them: MoveTo(1), LineTo(3), ClosePath(1); clockwise on screen.
    ByteArrayOutputStream geometry = new ByteArrayOutputStream();
    for (int value : new int[] {command(1, 1), zigzag(inset), zigzag(inset), command(2, 3),
        zigzag(side), zigzag(0), zigzag(0), zigzag(side), zigzag(-side), zigzag(0), command(7, 1)}) {
      varint(geometry, value);
    }
    ByteArrayOutputStream feature = new ByteArrayOutputStream();
    varint(feature, 1 << 3); // id
    varint(feature, 1);
    varint(feature, 3 << 3); // type: POLYGON
    varint(feature, 3);
    lengthDelimited(feature, 4, geometry.toByteArray());
    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    lengthDelimited(layer, 1, LAYER.getBytes(StandardCharsets.US_ASCII)); // name
    lengthDelimited(layer, 2, feature.toByteArray()); // features
    varint(layer, 5 << 3); // extent
    varint(layer, extent);
    varint(layer, 15 << 3); // version
    varint(layer, 2);
    ByteArrayOutputStream tile = new ByteArrayOutputStream();
    lengthDelimited(tile, 3, layer.toByteArray()); // layers
    return tile.toByteArray();
  }

  private static int command(int id, int count) {
    return (count << 3) | id;
  }

  private static int zigzag(int value) {
    return (value << 1) ^ (value >> 31);
  }

  private static void lengthDelimited(ByteArrayOutputStream out, int field, byte[] bytes) {
    varint(out, (field << 3) | 2);
    varint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void varint(ByteArrayOutputStream out, int value) {
    int rest = value;
    while ((rest & ~0x7F) != 0) {
      out.write((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    out.write(rest);
  }
}
