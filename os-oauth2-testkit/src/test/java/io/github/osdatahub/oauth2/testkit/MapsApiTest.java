package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** OS Maps API: ZXY for OS's layers and zooms, and WMTS capabilities and GetTile in KVP. */
class MapsApiTest {
  private static final String WMTS = "http://www.opengis.net/wmts/1.0";
  private static final String OWS = "http://www.opengis.net/ows/1.1";
  private static final String XLINK = "http://www.w3.org/1999/xlink";
  private static final String PNG_TYPE = "image/png";

  private final FakeOsDataHub hub = FakeOsDataHub.start();

  @AfterEach
  void close() {
    hub.close();
  }

  @ParameterizedTest
  @CsvSource({"Road_3857,7", "Outdoor_3857,20", "Light_3857,12", "Road_27700,0", "Outdoor_27700,13",
      "Light_27700,6", "Leisure_27700,9"})
  void servesEveryOsLayerAtItsZooms(String layer, int zoom) {
    HttpResponse<String> tile = get(hub.rasterTileUri(layer, zoom, 1, 1), "key", hub.key());

    assertThat(tile.statusCode()).isEqualTo(200);
    assertThat(tile.headers().firstValue("Content-Type")).contains(PNG_TYPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Leisure_3857", "Road", "road_3857", "Night_27700"})
  void aLayerOsDoesNotHaveIsABadRequestNamingTheLayers(String layer) {
    HttpResponse<String> tile = get(hub.rasterTileUri(layer, 7, 1, 1), "key", hub.key());

    assertThat(tile.statusCode()).isEqualTo(400);
    assertThat(tile.body()).startsWith("{\"error\":{\"statuscode\":400,\"message\":\"Requested parameters are not"
        + " valid. Unknown layer " + layer + "; the layers are Road_3857, Outdoor_3857, Light_3857, Road_27700,");
  }

  @ParameterizedTest
  @CsvSource({"Road_3857,6", "Road_3857,21", "Light_27700,14"})
  void aZoomOutsideTheLayersMatrixSetIsABadRequest(String layer, int zoom) {
    HttpResponse<String> tile = get(hub.rasterTileUri(layer, zoom, 0, 0), "key", hub.key());

    assertThat(tile.statusCode()).isEqualTo(400);
    assertThat(tile.body()).contains("Zoom level " + zoom + " is outside EPSG:");
  }

  @Test
  void capabilitiesListEveryLayerAndBothMatrixSetsWithGetTileBackToTheHub() throws Exception {
    HttpResponse<String> response = get(hub.wmtsCapabilitiesUri(), "key", hub.key());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/xml;charset=UTF-8");
    Document xml = parse(response.body());
    assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("Capabilities");
    assertThat(xml.getDocumentElement().getAttribute("version")).isEqualTo("1.0.0");
    Element contents = child(xml.getDocumentElement(), WMTS, "Contents");
    List<String> layers = new ArrayList<>();
    for (Element layer : children(contents, WMTS, "Layer")) {
      layers.add(text(layer, OWS, "Identifier"));
      assertThat(text(layer, WMTS, "Format")).isEqualTo(PNG_TYPE);
      assertThat(child(layer, WMTS, "Style").getAttribute("isDefault")).isEqualTo("true");
      String set = text(child(layer, WMTS, "TileMatrixSetLink"), WMTS, "TileMatrixSet");
      assertThat(set).isEqualTo(layers.get(layers.size() - 1).endsWith("_3857") ? "EPSG:3857" : "EPSG:27700");
    }
    assertThat(layers).containsExactly("Road_3857", "Outdoor_3857", "Light_3857", "Road_27700", "Outdoor_27700",
        "Light_27700", "Leisure_27700");
    List<Element> sets = children(contents, WMTS, "TileMatrixSet");
    assertThat(sets).extracting(set -> text(set, OWS, "SupportedCRS"))
        .containsExactly("urn:ogc:def:crs:EPSG::3857", "urn:ogc:def:crs:EPSG::27700");
    List<Element> mercator = children(sets.get(0), WMTS, "TileMatrix");
    assertThat(mercator).hasSize(14);
    assertThat(text(mercator.get(0), OWS, "Identifier")).isEqualTo("EPSG:3857:7");
    assertThat(text(mercator.get(0), WMTS, "MatrixWidth")).isEqualTo("128");
    List<Element> grid = children(sets.get(1), WMTS, "TileMatrix");
    assertThat(grid).hasSize(14);
    Element zoomZero = grid.get(0);
    assertThat(text(zoomZero, OWS, "Identifier")).isEqualTo("EPSG:27700:0");
    // OpenLayers turns the scale back into 896 m a pixel; OS's grid is 5 x 7 tiles at zoom 0, 10 x 13 at 1.
    assertThat(Double.parseDouble(text(zoomZero, WMTS, "ScaleDenominator")) * 0.28e-3).isCloseTo(896.0, offset(1e-9));
    assertThat(text(zoomZero, WMTS, "TopLeftCorner")).isEqualTo("-238375.0 1376256.0");
    assertThat(List.of(text(zoomZero, WMTS, "MatrixWidth"), text(zoomZero, WMTS, "MatrixHeight"),
        text(grid.get(1), WMTS, "MatrixWidth"), text(grid.get(1), WMTS, "MatrixHeight")))
        .containsExactly("5", "7", "10", "13");
    Element getTile = operation(xml, "GetTile");
    Element httpGet = (Element) getTile.getElementsByTagNameNS(OWS, "Get").item(0);
    assertThat(httpGet.getAttributeNS(XLINK, "href")).isEqualTo(hub.baseUri() + "/maps/raster/v1/wmts?");
    assertThat(httpGet.getElementsByTagNameNS(OWS, "Value").item(0).getTextContent()).isEqualTo("KVP");
  }

  @Test
  void capabilitiesFetchedWithAKeyInTheQueryHandItOnInTheGetTileUrl() throws Exception {
    HttpResponse<String> response = get(URI.create(hub.wmtsCapabilitiesUri() + "&key=" + hub.key()));

    Element httpGet = (Element) operation(parse(response.body()), "GetTile").getElementsByTagNameNS(OWS, "Get")
        .item(0);
    String href = httpGet.getAttributeNS(XLINK, "href");
    assertThat(href).isEqualTo(hub.baseUri() + "/maps/raster/v1/wmts?key=" + hub.key() + "&");
    URI tile = URI.create(href + "service=WMTS&request=GetTile&layer=Road_3857&tileMatrix=EPSG%3A3857%3A7"
        + "&tileRow=42&tileCol=63");
    assertThat(get(tile).statusCode()).isEqualTo(200);
  }

  @Test
  void getTileAnswersAPngForTheHelpersUri() {
    HttpResponse<String> tile = get(hub.wmtsTileUri("Light_27700", 3, 40, 30), "key", hub.key());

    assertThat(tile.statusCode()).isEqualTo(200);
    assertThat(tile.headers().firstValue("Content-Type")).contains(PNG_TYPE);
    assertThat(hub.wmtsTileUri("Road_3857", 7, 42, 63).getRawQuery()).isEqualTo("service=WMTS&request=GetTile"
        + "&version=1.0.0&layer=Road_3857&style=default&format=image%2Fpng&tileMatrixSet=EPSG%3A3857"
        + "&tileMatrix=EPSG%3A3857%3A7&tileRow=42&tileCol=63");
  }

  @Test
  void getTileTakesParameterNamesInAnyCaseAsOpenLayersSendsThem() {
    URI openLayersStyle = URI.create(hub.baseUri() + "/maps/raster/v1/wmts?Service=WMTS&Request=GetTile"
        + "&Version=1.0.0&Format=image%2Fpng&layer=Road_3857&style=default&tilematrixset=EPSG%3A3857"
        + "&TileMatrix=EPSG%3A3857%3A7&TileCol=63&TileRow=42");

    assertThat(get(openLayersStyle, "key", hub.key()).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "request=GetTile&layer=Road_3857&tileMatrix=EPSG%3A3857%3A7&tileRow=1&tileCol=1", // no service
      "service=WMS&request=GetCapabilities",
      "service=WMTS&request=GetFeatureInfo",
      "service=WMTS",
      "service=WMTS&request=GetTile&layer=Road_3857&tileMatrix=EPSG%3A3857%3A7&tileRow=1", // no column
      "service=WMTS&request=GetTile&layer=Road_9999&tileMatrix=7&tileRow=1&tileCol=1",
      "service=WMTS&request=GetTile&layer=Road_3857&tileMatrixSet=EPSG%3A27700&tileMatrix=7&tileRow=1&tileCol=1",
      "service=WMTS&request=GetTile&layer=Road_3857&tileMatrix=EPSG%3A27700%3A7&tileRow=1&tileCol=1",
      "service=WMTS&request=GetTile&layer=Road_3857&tileMatrix=EPSG%3A3857%3A5&tileRow=1&tileCol=1",
      "service=WMTS&request=GetTile&layer=Road_3857&tileMatrix=EPSG%3A3857%3A7&tileRow=128&tileCol=1",
      "service=WMTS&request=GetTile&layer=Road_27700&tileMatrix=EPSG%3A27700%3A0&tileRow=1&tileCol=5"})
  void aWmtsRequestOsWouldRefuseIsABadRequest(String query) {
    HttpResponse<String> response = get(URI.create(hub.baseUri() + "/maps/raster/v1/wmts?" + query),
        "key", hub.key());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"error\":{\"statuscode\":400,\"message\":\"Requested parameters");
  }

  @Test
  void theTileIsTheSameRealPngOnBothPaths() throws Exception {
    String token = RawHttp.fetchToken(hub);
    byte[] zxy = bytes(hub.rasterTileUri("Road_3857", 7, 63, 42), token);
    byte[] wmts = bytes(hub.wmtsTileUri("Road_3857", 7, 42, 63), token);

    assertThat(wmts).isEqualTo(zxy);
    assertThat(new String(zxy, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  @Test
  void theHelpersRefuseWhatOsWouldNotServe() {
    assertThatThrownBy(() -> hub.wmtsTileUri("Leisure_3857", 7, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Leisure_27700");
    assertThatThrownBy(() -> hub.wmtsTileUri("Road_3857", 7, -1, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(URI uri, String token) throws Exception {
    return RawHttp.CLIENT.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element operation(Document xml, String name) {
    NodeList operations = xml.getElementsByTagNameNS(OWS, "Operation");
    for (int i = 0; i < operations.getLength(); i++) {
      Element operation = (Element) operations.item(i);
      if (operation.getAttribute("name").equals(name)) {
        return operation;
      }
    }
    throw new AssertionError("no operation " + name);
  }

  private static List<Element> children(Element parent, String namespace, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element && namespace.equals(node.getNamespaceURI()) && name.equals(node.getLocalName())) {
        found.add((Element) node);
      }
    }
    return found;
  }

  private static Element child(Element parent, String namespace, String name) {
    List<Element> found = children(parent, namespace, name);
    assertThat(found).as("%s in %s", name, parent.getLocalName()).hasSize(1);
    return found.get(0);
  }

  private static String text(Element parent, String namespace, String name) {
    return child(parent, namespace, name).getTextContent();
  }
}
