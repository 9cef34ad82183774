package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NGD API - Features items: GeoJSON points inside the asked box, as many as asked up to ten, stable ids. */
class FeaturesApiTest {
  private static final String EPSG_27700 = "http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG%2F0%2F27700";

  private final ManualTimeSource time = new ManualTimeSource();
  private final FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).start();
  private final String token = RawHttp.fetchToken(hub);

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void answersAGeoJsonFeatureCollection() {
    URI uri = hub.featuresUri("bld-fts-buildingpart-1");
    time.advance(Duration.ofMillis(250));
    HttpResponse<String> response = getWithToken(uri, token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/geo+json");
    JsonObject collection = JsonBodies.object(response.body());
    assertThat(collection.get("type").getAsString()).isEqualTo("FeatureCollection");
    assertThat(collection.get("numberReturned").getAsInt()).isEqualTo(10);
    assertThat(collection.get("timeStamp").getAsString())
        .isEqualTo(Instant.ofEpochMilli(time.currentTimeMillis() - 250).toString());
    JsonObject self = collection.getAsJsonArray("links").get(0).getAsJsonObject();
    assertThat(self.get("href").getAsString()).isEqualTo(uri.toString());
    assertThat(self.get("rel").getAsString()).isEqualTo("self");
    JsonArray features = collection.getAsJsonArray("features");
    assertThat(features).hasSize(10);
    JsonObject first = features.get(0).getAsJsonObject();
    assertThat(first.get("type").getAsString()).isEqualTo("Feature");
    assertThat(first.get("id").getAsString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(first.getAsJsonObject("geometry").get("type").getAsString()).isEqualTo("Point");
    assertThat(first.getAsJsonObject("properties").get("osid").getAsString()).isEqualTo(first.get("id")
        .getAsString());
  }

  @Test
  void theSameQuestionGetsTheSameAnswerAndCollectionsDiffer() {
    String once = getWithToken(hub.featuresUri("bld-fts-buildingpart-1"), token).body();
    String again = getWithToken(hub.featuresUri("bld-fts-buildingpart-1"), token).body();
    String other = getWithToken(hub.featuresUri("trn-ntwk-roadlink-1"), token).body();

    assertThat(again).isEqualTo(once);
    assertThat(firstId(other)).isNotEqualTo(firstId(once));
  }

  @Test
  void limitAndBboxAreHonoured() {
    URI uri = URI.create(hub.featuresUri("lus-fts-site-1") + "?bbox=-1.5,50.8,-1.3,51.0&limit=3");

    JsonArray features = JsonBodies.object(getWithToken(uri, token).body()).getAsJsonArray("features");

    assertThat(features).hasSize(3);
    for (JsonElement feature : features) {
      JsonArray xy = feature.getAsJsonObject().getAsJsonObject("geometry").getAsJsonArray("coordinates");
      assertThat(xy.get(0).getAsDouble()).isStrictlyBetween(-1.5, -1.3);
      assertThat(xy.get(1).getAsDouble()).isStrictlyBetween(50.8, 51.0);
    }
  }

  @Test
  void aBoxInBritishNationalGridGivesFeaturesInItWhenTheAnswerIsAskedInIt() {
    URI uri = URI.create(hub.featuresUri("bld-fts-building-1") + "?bbox=530000,180000,531000,181000&bbox-crs="
        + EPSG_27700 + "&crs=" + EPSG_27700);

    JsonArray features = JsonBodies.object(getWithToken(uri, token).body()).getAsJsonArray("features");

    JsonArray xy = features.get(0).getAsJsonObject().getAsJsonObject("geometry").getAsJsonArray("coordinates");
    assertThat(xy.get(0).getAsDouble()).isStrictlyBetween(530_000.0, 531_000.0);
    assertThat(xy.get(1).getAsDouble()).isStrictlyBetween(180_000.0, 181_000.0);
  }

  @Test
  void anUnknownCollectionIs404InTheOgcEnvelope() {
    HttpResponse<String> response = getWithToken(hub.featuresUri("no-such-thing"), token);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"code\":404,\"description\":\"Collection 'no-such-thing' is not a"
        + " supported Collection. Please refer to the documentation for a list of supported Collections.\"}");
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "bbox=1,2,3", "bbox=3,2,1,4", "bbox=a,b,c,d",
      "crs=EPSG:27700", "bbox-crs=http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG%2F0%2F2157"})
  void aBadQueryIs400InTheOgcEnvelope(String query) {
    HttpResponse<String> response = getWithToken(URI.create(hub.featuresUri("bld-fts-building-1") + "?" + query),
        token);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JsonBodies.object(response.body()).get("code").getAsInt()).isEqualTo(400);
  }

  @Test
  void theHelperRefusesAnIdThatIsNotOneSegment() {
    assertThatThrownBy(() -> hub.featuresUri("a/b")).isInstanceOf(IllegalArgumentException.class);
  }

  private static String firstId(String body) {
    return JsonBodies.object(body).getAsJsonArray("features").get(0).getAsJsonObject().get("id").getAsString();
  }
}
