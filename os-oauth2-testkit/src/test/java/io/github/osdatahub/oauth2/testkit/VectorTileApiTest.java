package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.get;
import static io.github.osdatahub.oauth2.testkit.RawHttp.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OS Vector Tile API: metadata and style whose URLs lead back to the hub, and a real vector tile. */
class VectorTileApiTest {
  private final FakeOsDataHub hub = FakeOsDataHub.start();
  private final String token = RawHttp.fetchToken(hub);

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void metadataIsArcGisShapedJsonWhoseTilesComeBackHere() {
    HttpResponse<String> response = getWithToken(hub.vectorTileServiceUri(3857), token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonObject metadata = JsonBodies.object(response.body());
    String tiles = metadata.getAsJsonArray("tiles").get(0).getAsString();
    assertThat(tiles).isEqualTo(hub.baseUri() + "/maps/vector/v1/vts/tile/{z}/{y}/{x}.pbf?srs=3857");
    JsonObject tileInfo = metadata.getAsJsonObject("tileInfo");
    assertThat(tileInfo.getAsJsonObject("spatialReference").get("latestWkid").getAsInt()).isEqualTo(3857);
    JsonArray lods = tileInfo.getAsJsonArray("lods");
    assertThat(lods).hasSize(16);
    assertThat(lods.get(1).getAsJsonObject().get("resolution").getAsDouble() * 2)
        .isEqualTo(lods.get(0).getAsJsonObject().get("resolution").getAsDouble());
    assertThat(metadata.get("maxzoom").getAsInt()).isEqualTo(15);
    assertThat(metadata.getAsJsonObject("fullExtent").get("xmin").getAsDouble()).isNegative();

    String followed = tiles.replace("{z}", "7").replace("{y}", "42").replace("{x}", "63");
    assertThat(getWithToken(URI.create(followed), token).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutSrsTheServiceIsBritishNationalGridAsOsDefaults() {
    JsonObject metadata = JsonBodies.object(getWithToken(URI.create(hub.baseUri() + "/maps/vector/v1/vts"), token)
        .body());

    assertThat(metadata.getAsJsonObject("tileInfo").getAsJsonObject("spatialReference").get("wkid").getAsInt())
        .isEqualTo(27700);
    assertThat(metadata.getAsJsonObject("tileInfo").getAsJsonObject("origin").get("x").getAsDouble())
        .isEqualTo(-238_375.0);
    assertThat(metadata.getAsJsonArray("tiles").get(0).getAsString()).endsWith(".pbf?srs=27700");
  }

  @Test
  void theStylesSourceIsOsNamedAndLeadsToTheMetadata() {
    HttpResponse<String> response = getWithToken(hub.vectorTileStyleUri(3857), token);

    JsonObject style = JsonBodies.object(response.body());
    assertThat(style.get("version").getAsInt()).isEqualTo(8);
    JsonObject source = style.getAsJsonObject("sources").getAsJsonObject("esri");
    assertThat(source.get("type").getAsString()).isEqualTo("vector");
    assertThat(source.get("url").getAsString()).isEqualTo(hub.vectorTileServiceUri(3857).toString());
    assertThat(style.has("sprite")).isFalse();
    boolean drawsTheSource = false;
    for (var layer : style.getAsJsonArray("layers")) {
      JsonObject object = layer.getAsJsonObject();
      drawsTheSource |= object.has("source") && object.get("source").getAsString().equals("esri")
          && object.get("source-layer").getAsString().equals("placeholder");
    }
    assertThat(drawsTheSource).as("a layer that makes a map library fetch tiles").isTrue();
    assertThat(getWithToken(URI.create(source.get("url").getAsString()), token).statusCode()).isEqualTo(200);
  }

  @Test
  void urlsHandedOutCarryTheKeyWhenTheRequestHadItInTheQuery() {
    URI keyedStyle = URI.create(hub.vectorTileStyleUri(3857) + "&key=" + hub.key());

    String service = JsonBodies.object(get(keyedStyle).body()).getAsJsonObject("sources").getAsJsonObject("esri")
        .get("url").getAsString();
    String tiles = JsonBodies.object(get(URI.create(service)).body()).getAsJsonArray("tiles").get(0).getAsString();

    assertThat(service).isEqualTo(hub.baseUri() + "/maps/vector/v1/vts?key=" + hub.key() + "&srs=3857");
    assertThat(tiles).isEqualTo(hub.baseUri() + "/maps/vector/v1/vts/tile/{z}/{y}/{x}.pbf?key=" + hub.key()
        + "&srs=3857");
    assertThat(get(URI.create(tiles.replace("{z}/{y}/{x}", "7/42/63"))).statusCode()).isEqualTo(200);
    // A key sent as a header stays out of the URLs.
    assertThat(get(hub.vectorTileStyleUri(3857), "key", hub.key()).body()).doesNotContain(hub.key());
  }

  @Test
  void aTileIsAVersion2MapboxVectorTileWithOneSquare() throws Exception {
    HttpResponse<byte[]> response = RawHttp.CLIENT.send(HttpRequest.newBuilder(hub.vectorTileUri(3857, 7, 63, 42))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/x-protobuf");
    Map<Integer, Object> tile = Protobuf.read(response.body());
    assertThat(tile).containsOnlyKeys(3); // Tile.layers
    Map<Integer, Object> layer = Protobuf.read((byte[]) tile.get(3));
    assertThat(new String((byte[]) layer.get(1), StandardCharsets.UTF_8)).isEqualTo("placeholder"); // name
    assertThat(layer).containsEntry(15, 2L).containsEntry(5, 4096L); // version, extent
    Map<Integer, Object> feature = Protobuf.read((byte[]) layer.get(2));
    assertThat(feature).containsEntry(3, 3L); // a polygon
    // MoveTo(64,64), LineTo x3 (a 3968-unit square, clockwise on screen), ClosePath; zigzag-encoded.
    assertThat(Protobuf.varints((byte[]) feature.get(4)))
        .containsExactly(9L, 128L, 128L, 26L, 7936L, 0L, 0L, 7936L, 7935L, 0L, 15L);
    assertThat(hub.vectorTileUri(3857, 7, 63, 42).getRawPath()).isEqualTo("/maps/vector/v1/vts/tile/7/42/63.pbf");
  }

  @Test
  void anUnknownSrsOrZoomIsABadRequest() {
    assertThat(getWithToken(URI.create(hub.baseUri() + "/maps/vector/v1/vts?srs=4326"), token).statusCode())
        .isEqualTo(400);
    assertThat(getWithToken(URI.create(hub.baseUri() + "/maps/vector/v1/vts/resources/styles?srs=EPSG:3857"),
        token).body()).contains("The srs parameter must be 3857 or 27700.");
    assertThat(getWithToken(URI.create(hub.baseUri() + "/maps/vector/v1/vts/tile/16/1/1.pbf?srs=3857"), token)
        .statusCode()).isEqualTo(400);
    assertThatThrownBy(() -> hub.vectorTileStyleUri(4326)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Just enough protobuf to read a tile: varints and length-delimited fields, the last of each number kept. */
  private static final class Protobuf {
    static Map<Integer, Object> read(byte[] bytes) throws IOException {
      Map<Integer, Object> fields = new LinkedHashMap<>();
      ByteArrayInputStream in = new ByteArrayInputStream(bytes);
      while (in.available() > 0) {
        long key = varint(in);
        int number = (int) (key >>> 3);
        switch ((int) (key & 7)) {
          case 0:
            fields.put(number, varint(in));
            break;
          case 2:
            fields.put(number, in.readNBytes((int) varint(in)));
            break;
          default:
            throw new AssertionError("unexpected wire type in field " + number);
        }
      }
      return fields;
    }

    static List<Long> varints(byte[] packed) {
      List<Long> values = new ArrayList<>();
      ByteArrayInputStream in = new ByteArrayInputStream(packed);
      while (in.available() > 0) {
        values.add(varint(in));
      }
      return values;
    }

    private static long varint(ByteArrayInputStream in) {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        int b = in.read();
        if (b < 0) {
          throw new AssertionError("truncated varint");
        }
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
    }
  }
}
