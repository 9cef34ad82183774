package io.github.osdatahub.oauth2.testkit.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OS Maps API's layers and their two tile matrix sets, as OS documents them: Road, Outdoor and
 * Light in EPSG:3857 (zoom 7 to 20) and EPSG:27700 (zoom 0 to 13), Leisure in EPSG:27700 only.
 */
public final class RasterLayers {
  /** One tiling scheme: its WMTS identifier, zoom range and grid. */
  public enum MatrixSet {
    /** Web Mercator; OS starts it at zoom 7, the usual first zoom of a national map. */
    WEB_MERCATOR("EPSG:3857", 7, 20, -20_037_508.3427892, 20_037_508.3427892, 559_082_264.0287178),
    /** British National Grid: 896 m a pixel at zoom 0, halving with each level. */
    BRITISH_NATIONAL_GRID("EPSG:27700", 0, 13, -238_375.0, 1_376_256.0, 896.0 / OGC_PIXEL_METRES);

    private final String id;
    private final int minZoom;
    private final int maxZoom;
    private final double topLeftX;
    private final double topLeftY;
    private final double zoomZeroScale;

    MatrixSet(String id, int minZoom, int maxZoom, double topLeftX, double topLeftY, double zoomZeroScale) {
      this.id = id;
      this.minZoom = minZoom;
      this.maxZoom = maxZoom;
      this.topLeftX = topLeftX;
      this.topLeftY = topLeftY;
      this.zoomZeroScale = zoomZeroScale;
    }

    /**
     * The WMTS identifier.
     *
     * @return e.g. {@code EPSG:3857}
     */
    public String id() {
      return id;
    }

    /**
     * The EPSG code number.
     *
     * @return 3857 or 27700
     */
    public int epsg() {
      return Integer.parseInt(id.substring(id.indexOf(':') + 1));
    }

    /**
     * The lowest zoom served.
     *
     * @return the zoom
     */
    public int minZoom() {
      return minZoom;
    }

    /**
     * The highest zoom served.
     *
     * @return the zoom
     */
    public int maxZoom() {
      return maxZoom;
    }

    /**
     * Whether a zoom level is served.
     *
     * @param zoom the level
     * @return true within {@code minZoom()..maxZoom()}
     */
    public boolean serves(int zoom) {
      return zoom >= minZoom && zoom <= maxZoom;
    }

    /**
     * The WMTS identifier of one zoom level's tile matrix.
     *
     * @param zoom the level
     * @return e.g. {@code EPSG:3857:7}
     */
    public String matrixId(int zoom) {
      return id + ":" + zoom;
    }

    /**
     * The WMTS scale denominator at a zoom (0.28 mm pixels).
     *
     * @param zoom the level
     * @return the denominator
     */
    public double scaleDenominator(int zoom) {
      return zoomZeroScale / (1L << zoom);
    }

    /**
     * The grid's top-left corner, x then y, as WMTS writes it.
     *
     * @return e.g. {@code -238375.0 1376256.0}
     */
    public String topLeftCorner() {
      return topLeftX + " " + topLeftY;
    }

    /**
     * How many tile columns a zoom level has.
     *
     * @param zoom the level
     * @return the matrix width
     */
    public long matrixWidth(int zoom) {
      return this == WEB_MERCATOR ? 1L << zoom : tilesAcross(BNG_WIDTH_METRES, zoom);
    }

    /**
     * How many tile rows a zoom level has.
     *
     * @param zoom the level
     * @return the matrix height
     */
    public long matrixHeight(int zoom) {
      return this == WEB_MERCATOR ? 1L << zoom : tilesAcross(BNG_HEIGHT_METRES, zoom);
    }

    private long tilesAcross(double metres, int zoom) {
      double tileMetres = TileImage.SIZE * scaleDenominator(zoom) * OGC_PIXEL_METRES;
      // As OS's capabilities count them: 5 x 7 tiles at zoom 0, 10 x 13 at zoom 1.
      return (long) Math.floor(metres / tileMetres) + 1;
    }
  }

  /** The pixel size the WMTS standard assumes when it turns a scale into a resolution. */
  static final double OGC_PIXEL_METRES = 0.00028;
  private static final double BNG_WIDTH_METRES = 900_000.0 + 238_375.0;
  private static final double BNG_HEIGHT_METRES = 1_376_256.0;

  private static final Map<String, MatrixSet> LAYERS = layers();

  private RasterLayers() {}

  private static Map<String, MatrixSet> layers() {
    Map<String, MatrixSet> layers = new LinkedHashMap<>();
    for (String style : new String[] {"Road", "Outdoor", "Light"}) {
      layers.put(style + "_3857", MatrixSet.WEB_MERCATOR);
    }
    for (String style : new String[] {"Road", "Outdoor", "Light", "Leisure"}) {
      layers.put(style + "_27700", MatrixSet.BRITISH_NATIONAL_GRID);
    }
    return Collections.unmodifiableMap(layers);
  }

  /**
   * The layer names in a fixed order, 3857 layers first.
   *
   * @return {@code Road_3857}, ..., {@code Leisure_27700}
   */
  public static List<String> names() {
    return List.copyOf(LAYERS.keySet());
  }

  /**
   * The tile matrix set of a layer.
   *
   * @param layer a layer name, compared exactly
   * @return its matrix set, or empty for a layer OS does not have
   */
  public static Optional<MatrixSet> matrixSetOf(String layer) {
    return Optional.ofNullable(LAYERS.get(layer));
  }
}
