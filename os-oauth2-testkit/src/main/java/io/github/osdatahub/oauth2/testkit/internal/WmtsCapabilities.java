package io.github.osdatahub.oauth2.testkit.internal;

import io.github.osdatahub.oauth2.testkit.internal.RasterLayers.MatrixSet;

/**
 * A small WMTS 1.0.0 capabilities document for the OS Maps API: every layer, both tile matrix
 * sets, and KVP {@code GetTile} on the given URL. Enough for OpenLayers'
 * {@code WMTSCapabilities} and {@code optionsFromCapabilities} to build a layer whose tile
 * requests come back to the fake.
 */
public final class WmtsCapabilities {
  private WmtsCapabilities() {}

  /**
   * The document.
   *
   * @param kvpUrl where GetCapabilities and GetTile are sent, ending in {@code ?} or {@code &}
   *     (clients append the parameters)
   * @return the XML text
   */
  public static String xml(String kvpUrl) {
    StringBuilder xml = new StringBuilder(16_384)
        .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<Capabilities xmlns=\"http://www.opengis.net/wmts/1.0\"")
        .append(" xmlns:ows=\"http://www.opengis.net/ows/1.1\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
        .append(" version=\"1.0.0\">\n")
        .append("<ows:ServiceIdentification><ows:Title>OS Maps API (FakeOsDataHub)</ows:Title>")
        .append("<ows:ServiceType>OGC WMTS</ows:ServiceType>")
        .append("<ows:ServiceTypeVersion>1.0.0</ows:ServiceTypeVersion></ows:ServiceIdentification>\n")
        .append("<ows:OperationsMetadata>\n");
    for (String operation : new String[] {"GetCapabilities", "GetTile"}) {
      xml.append("<ows:Operation name=\"").append(operation).append("\"><ows:DCP><ows:HTTP><ows:Get xlink:href=\"")
          .append(escape(kvpUrl))
          .append("\"><ows:Constraint name=\"GetEncoding\"><ows:AllowedValues><ows:Value>KVP</ows:Value>")
          .append("</ows:AllowedValues></ows:Constraint></ows:Get></ows:HTTP></ows:DCP></ows:Operation>\n");
    }
    xml.append("</ows:OperationsMetadata>\n<Contents>\n");
    for (String layer : RasterLayers.names()) {
      MatrixSet set = RasterLayers.matrixSetOf(layer).orElseThrow();
      xml.append("<Layer><ows:Title>").append(layer).append("</ows:Title><ows:Identifier>").append(layer)
          .append("</ows:Identifier><Style isDefault=\"true\"><ows:Identifier>default</ows:Identifier></Style>")
          .append("<Format>image/png</Format><TileMatrixSetLink><TileMatrixSet>").append(set.id())
          .append("</TileMatrixSet></TileMatrixSetLink></Layer>\n");
    }
    for (MatrixSet set : MatrixSet.values()) {
      xml.append("<TileMatrixSet><ows:Identifier>").append(set.id()).append("</ows:Identifier>")
          .append("<ows:SupportedCRS>urn:ogc:def:crs:EPSG::").append(set.epsg()).append("</ows:SupportedCRS>\n");
      for (int zoom = set.minZoom(); zoom <= set.maxZoom(); zoom++) {
        xml.append("<TileMatrix><ows:Identifier>").append(set.matrixId(zoom)).append("</ows:Identifier>")
            .append("<ScaleDenominator>").append(set.scaleDenominator(zoom)).append("</ScaleDenominator>")
            .append("<TopLeftCorner>").append(set.topLeftCorner()).append("</TopLeftCorner>")
            .append("<TileWidth>").append(TileImage.SIZE).append("</TileWidth>")
            .append("<TileHeight>").append(TileImage.SIZE).append("</TileHeight>")
            .append("<MatrixWidth>").append(set.matrixWidth(zoom)).append("</MatrixWidth>")
            .append("<MatrixHeight>").append(set.matrixHeight(zoom)).append("</MatrixHeight></TileMatrix>\n");
      }
      xml.append("</TileMatrixSet>\n");
    }
    return xml.append("</Contents>\n</Capabilities>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
