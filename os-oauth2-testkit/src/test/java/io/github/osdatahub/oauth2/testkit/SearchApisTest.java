package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Places find/postcode/nearest and Names nearest: OS's shapes, answers derived from the question. */
class SearchApisTest {
  private final FakeOsDataHub hub = FakeOsDataHub.start();

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void placesFindAnswersDpaAddressesForTheQuery() {
    HttpResponse<String> response = get(hub.placesFindUri("10 Downing Street"), "key", hub.key());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonObject answer = JsonBodies.object(response.body());
    JsonObject header = answer.getAsJsonObject("header");
    assertThat(header.get("uri").getAsString()).isEqualTo(hub.placesFindUri("10 Downing Street").toString());
    assertThat(header.get("query").getAsString()).isEqualTo("query=10 Downing Street");
    assertThat(header.get("totalresults").getAsInt()).isEqualTo(2);
    assertThat(header.get("output_srs").getAsString()).isEqualTo("EPSG:27700");
    JsonArray results = answer.getAsJsonArray("results");
    assertThat(results).hasSize(2);
    JsonObject dpa = results.get(0).getAsJsonObject().getAsJsonObject("DPA");
    assertThat(dpa.get("ADDRESS").getAsString()).contains("10 DOWNING STREET");
    assertThat(dpa.get("UPRN").getAsString()).matches("\\d{12}");
    assertThat(dpa.get("X_COORDINATE").getAsDouble()).isBetween(0.0, 700_000.0);
    assertThat(dpa.get("MATCH").getAsDouble()).isEqualTo(1.0);
    assertThat(get(hub.placesFindUri("10 Downing Street"), "key", hub.key()).body()).isEqualTo(response.body());
  }

  @Test
  void placesPostcodeAnswersAddressesInThatPostcodeWrittenAsOsWritesIt() {
    JsonObject answer = JsonBodies.object(get(hub.placesPostcodeUri("so160as"), "key", hub.key()).body());

    assertThat(answer.getAsJsonObject("header").get("query").getAsString()).isEqualTo("postcode=so160as");
    JsonArray results = answer.getAsJsonArray("results");
    assertThat(results).hasSize(2);
    for (var result : results) {
      JsonObject dpa = result.getAsJsonObject().getAsJsonObject("DPA");
      assertThat(dpa.get("POSTCODE").getAsString()).isEqualTo("SO16 0AS");
      assertThat(dpa.get("ADDRESS").getAsString()).endsWith(", SOUTHAMPTON, SO16 0AS");
    }
  }

  @Test
  void placesNearestAnswersOneAddressBesideThePoint() {
    JsonObject answer = JsonBodies.object(get(hub.placesNearestUri(437_293, 115_539.5), "key", hub.key()).body());

    assertThat(answer.getAsJsonObject("header").get("query").getAsString()).isEqualTo("point=437293,115539.5");
    JsonObject dpa = answer.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonObject("DPA");
    assertThat(dpa.get("X_COORDINATE").getAsDouble()).isEqualTo(437_303.0);
    assertThat(dpa.get("Y_COORDINATE").getAsDouble()).isEqualTo(115_549.5);
  }

  @Test
  void namesNearestAnswersOneGazetteerEntryBesideThePoint() {
    HttpResponse<String> response = get(hub.namesNearestUri(437_293, 115_539), "key", hub.key());

    JsonObject answer = JsonBodies.object(response.body());
    assertThat(answer.getAsJsonObject("header").get("query").getAsString()).isEqualTo("point=437293,115539");
    assertThat(answer.getAsJsonObject("header").get("uri").getAsString())
        .isEqualTo(hub.baseUri() + "/search/names/v1/nearest?point=437293,115539");
    JsonArray results = answer.getAsJsonArray("results");
    assertThat(results).hasSize(1);
    JsonObject entry = results.get(0).getAsJsonObject().getAsJsonObject("GAZETTEER_ENTRY");
    assertThat(entry.get("NAME1").getAsString()).isEqualTo("Fakeham");
    assertThat(entry.get("GEOMETRY_X").getAsDouble()).isEqualTo(437_318.0);
    assertThat(entry.get("GEOMETRY_Y").getAsDouble()).isEqualTo(115_564.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/search/places/v1/find", "/search/places/v1/find?query=%20",
      "/search/places/v1/postcode", "/search/places/v1/postcode?postcode=SO16%3B0AS",
      "/search/places/v1/postcode?postcode=TOOLONGPOSTCODE",
      "/search/places/v1/nearest", "/search/places/v1/nearest?point=1", "/search/places/v1/nearest?point=a,b",
      "/search/places/v1/nearest?point=-1,5", "/search/names/v1/nearest?point=437293,9999999",
      "/search/names/v1/nearest?point=NaN,1", "/search/names/v1/nearest"})
  void aMissingOrMalformedParameterIs400InTheApiEnvelope(String pathAndQuery) {
    HttpResponse<String> response = get(URI.create(hub.baseUri() + pathAndQuery), "key", hub.key());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"error\":{\"statuscode\":400,\"message\":\"Requested parameters are"
        + " not valid. ");
  }
}
