package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.fetchToken;
import static io.github.osdatahub.oauth2.testkit.RawHttp.get;
import static io.github.osdatahub.oauth2.testkit.RawHttp.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Names and raster APIs: bearer tokens on the fake's clock, API keys, plans. */
class ProtectedApiTest {
  static final String EXPIRED =
      "{\"fault\":{\"faultstring\":\"Access Token expired\",\"detail\":{\"errorcode\":\"keymanagement.service.access_token_expired\"}}}";
  static final String INVALID =
      "{\"fault\":{\"faultstring\":\"Invalid Access Token\",\"detail\":{\"errorcode\":\"keymanagement.service.invalid_access_token\"}}}";

  private final ManualTimeSource time = new ManualTimeSource();
  private final FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).start();

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void aTokenIsAcceptedUntilItsLifetimePassesOnTheHubsClock() {
    String token = fetchToken(hub);
    URI names = hub.namesUri("Southampton");

    assertThat(getWithToken(names, token).statusCode()).isEqualTo(200);
    time.advance(Duration.ofSeconds(299).minusMillis(1));
    assertThat(getWithToken(names, token).statusCode()).isEqualTo(200);
    time.advance(Duration.ofMillis(1));
    HttpResponse<String> expired = getWithToken(names, token);

    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(expired.body()).isEqualTo(EXPIRED);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.apiRequestCount()).isEqualTo(3);
  }

  @Test
  void expiryFollowsTheWallClockAsTheRemoteGatewayWould() {
    String token = fetchToken(hub);

    time.jumpWallClock(Duration.ofMinutes(10)); // the client slept through it; the gateway did not

    assertThat(getWithToken(hub.rasterTileUri("Road_3857", 7, 63, 42), token).body()).isEqualTo(EXPIRED);
  }

  @Test
  void aShorterLifetimeExpiresSooner() {
    hub.tokenLifetime(Duration.ofSeconds(5));
    String token = fetchToken(hub);

    time.advance(Duration.ofSeconds(5));

    assertThat(getWithToken(hub.namesUri("Bath"), token).body()).isEqualTo(EXPIRED);
  }

  @Test
  void anUnknownTokenGetsTheInvalidTokenBodyAndWwwAuthenticate() {
    HttpResponse<String> response = getWithToken(hub.namesUri("Leeds"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAA");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo(INVALID);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
        .startsWith("Bearer realm=\"null\",error=\"invalid_token\""));
  }

  @Test
  void anEmptyBearerOrANonBearerSchemeIsAnInvalidToken() {
    assertThat(get(hub.namesUri("Leeds"), "Authorization", "Bearer").body()).isEqualTo(INVALID);
    assertThat(get(hub.namesUri("Leeds"), "Authorization", "Basic Zm9vOmJhcg==").body()).isEqualTo(INVALID);
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() {
    String token = fetchToken(hub);
    assertThat(get(hub.namesUri("Leeds"), "Authorization", "bearer " + token).statusCode()).isEqualTo(200);
  }

  @Test
  void wwwAuthenticateCanBeSwitchedOff() {
    String token = fetchToken(hub);
    hub.expireAllTokens();
    assertThat(getWithToken(hub.namesUri("Leeds"), token).headers().firstValue("WWW-Authenticate")).isPresent();

    hub.wwwAuthenticate(false);

    HttpResponse<String> response = getWithToken(hub.namesUri("Leeds"), token);
    assertThat(response.body()).isEqualTo(EXPIRED);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    try (FakeOsDataHub quiet = FakeOsDataHub.builder().wwwAuthenticate(false).start()) {
      assertThat(getWithToken(quiet.namesUri("Leeds"), "x").headers().firstValue("WWW-Authenticate")).isEmpty();
    }
  }

  @Test
  void expireAllTokensExpiresEveryIssuedTokenButNotLaterOnes() {
    String first = fetchToken(hub);
    String second = fetchToken(hub);

    hub.expireAllTokens();
    String third = fetchToken(hub);

    assertThat(getWithToken(hub.namesUri("Hull"), first).body()).isEqualTo(EXPIRED);
    assertThat(getWithToken(hub.namesUri("Hull"), second).body()).isEqualTo(EXPIRED);
    assertThat(getWithToken(hub.namesUri("Hull"), third).statusCode()).isEqualTo(200);
    assertThat(hub.tokenRequestCount()).isEqualTo(3);
    assertThat(hub.apiRequestCount()).isEqualTo(3);
  }

  @Test
  void theApiKeyWorksAsAHeaderOrAQueryParameter() {
    HttpResponse<String> header = get(hub.namesUri("Derby"), "key", hub.key());
    HttpResponse<String> query = get(URI.create(hub.namesUri("Derby") + "&key=" + hub.key()));
    HttpResponse<String> tile = get(URI.create(hub.rasterTileUri("Outdoor_3857", 7, 63, 42) + "?key=" + hub.key()));

    assertThat(header.statusCode()).isEqualTo(200);
    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(tile.statusCode()).isEqualTo(200);
    assertThat(hub.tokenRequestCount()).isZero();
    assertThat(hub.apiRequestCount()).isEqualTo(3);
  }

  @Test
  void aWrongApiKeyIsRejected() {
    HttpResponse<String> response = get(hub.namesUri("Derby"), "key", "not-the-key");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body())
        .isEqualTo("{\"fault\":{\"faultstring\":\"Invalid ApiKey\",\"detail\":{\"errorcode\":\"oauth.v2.InvalidApiKey\"}}}");
  }

  @Test
  void noCredentialsAtAllIsA401Fault() {
    HttpResponse<String> response = get(hub.namesUri("Derby"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"fault\":{\"faultstring\":\"Failed to resolve API Key variable"
        + " request.header.key\",\"detail\":{\"errorcode\":\"steps.oauth.v2.FailedToResolveAPIKey\"}}}");
  }

  @Test
  void aTokenInTheQueryStringIsNotAccepted() {
    String token = fetchToken(hub);

    HttpResponse<String> response = get(URI.create(hub.namesUri("Derby") + "&access_token=" + token));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("steps.oauth.v2.FailedToResolveAPIKey");
  }

  @Test
  void deniedApisAnswer403WhileOtherApisWork() {
    String token = fetchToken(hub);
    hub.deniedApis("/maps/raster/");

    HttpResponse<String> tile = getWithToken(hub.rasterTileUri("Road_3857", 7, 63, 42), token);
    HttpResponse<String> keyed = get(hub.rasterTileUri("Road_3857", 7, 63, 42), "key", hub.key());

    assertThat(tile.statusCode()).isEqualTo(403);
    assertThat(tile.body()).isEqualTo("{\"fault\":{\"faultstring\":\"Invalid API call as no apiproduct match found\","
        + "\"detail\":{\"errorcode\":\"keymanagement.service.InvalidAPICallAsNoApiProductMatchFound\"}}}");
    assertThat(keyed.statusCode()).isEqualTo(403);
    assertThat(getWithToken(hub.namesUri("Ely"), token).statusCode()).isEqualTo(200);

    hub.deniedApis();
    assertThat(getWithToken(hub.rasterTileUri("Road_3857", 7, 63, 42), token).statusCode()).isEqualTo(200);
    assertThat(hub.apiRequestCount()).isEqualTo(4);
  }

  @Test
  void deniedApisFromTheBuilder() {
    try (FakeOsDataHub plan = FakeOsDataHub.builder().deniedApis("/search/names/").start()) {
      assertThat(get(plan.namesUri("Ely"), "key", plan.key()).statusCode()).isEqualTo(403);
      assertThat(get(plan.rasterTileUri("Road_3857", 7, 0, 0), "key", plan.key()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void badCredentialsAre401EvenOnADeniedApi() {
    hub.deniedApis("/maps/raster/");

    assertThat(get(hub.rasterTileUri("Road_3857", 7, 63, 42)).statusCode()).isEqualTo(401);
  }

  @Test
  void namesAnswersAGazetteerShapedBodyDerivedFromTheQuery() {
    HttpResponse<String> response = get(hub.namesUri("Milton Keynes"), "key", hub.key());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body())
        .startsWith("{\"header\":{\"uri\":\"" + hub.baseUri() + "/search/names/v1/find?query=Milton%20Keynes")
        .contains("\"query\":\"Milton Keynes\"", "\"totalresults\":2", "\"results\":[{\"GAZETTEER_ENTRY\":{")
        .contains("\"NAME1\":\"Milton Keynes\"", "\"NAME1\":\"Milton Keynes Central\"", "\"TYPE\":\"populatedPlace\"");
    assertThat(get(hub.namesUri("Milton Keynes"), "key", hub.key()).body()).isEqualTo(response.body());
    assertThat(get(hub.namesUri("Oxford"), "key", hub.key()).body()).contains("\"NAME1\":\"Oxford\"");
  }

  @Test
  void namesEscapesTheQueryInItsJson() {
    String body = get(hub.namesUri("say \"hi\" \\ there"), "key", hub.key()).body();

    assertThat(body).contains("\"query\":\"say \\\"hi\\\" \\\\ there\"");
  }

  @Test
  void namesWithoutAQueryIsABadRequest() {
    HttpResponse<String> response = get(URI.create(hub.baseUri() + "/search/names/v1/find"), "key", hub.key());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"error\":{\"statuscode\":400,\"message\":");
  }

  @Test
  void unknownPathsAre404() {
    HttpResponse<String> response = get(URI.create(hub.baseUri() + "/downloads/v1/products"), "key", hub.key());
    HttpResponse<String> badTile = get(URI.create(hub.baseUri() + "/maps/raster/v1/zxy/Road_3857/x/1/2.png"),
        "key", hub.key());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"errorcode\":\"messaging.adaptors.http.flow.ApplicationNotFound\"");
    assertThat(badTile.statusCode()).isEqualTo(404);
    assertThat(hub.apiRequestCount()).isEqualTo(2);
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void apisAnswerGetAndHeadOnly() {
    HttpResponse<String> post = RawHttp.send(HttpRequest.newBuilder(hub.namesUri("Ely")).header("key", hub.key())
        .POST(HttpRequest.BodyPublishers.ofString("x")));
    HttpResponse<String> delete = RawHttp.send(HttpRequest.newBuilder(hub.rasterTileUri("Road_3857", 7, 1, 1))
        .header("key", hub.key()).DELETE());

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
    assertThat(post.body()).isEqualTo("{\"error\":{\"statuscode\":405,\"message\":\"Method not allowed: POST\"}}");
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(hub.apiRequests()).extracting(RecordedRequest::status).containsExactly(405, 405);
  }

  @Test
  void apiRequestsAreRecordedWithTheirHeadersAndQuery() {
    String token = fetchToken(hub);
    getWithToken(hub.namesUri("Wells"), token);
    get(hub.rasterTileUri("Light_3857", 7, 0, 1), "KEY", hub.key(), "X-Trace", "abc");

    assertThat(hub.apiRequests()).hasSize(2);
    RecordedRequest names = hub.apiRequests().get(0);
    assertThat(names.method()).isEqualTo("GET");
    assertThat(names.path()).isEqualTo("/search/names/v1/find");
    assertThat(names.query()).isEqualTo("query=Wells");
    assertThat(names.queryParameter("query")).contains("Wells");
    assertThat(names.header("AUTHORIZATION")).contains("Bearer " + token);
    assertThat(names.body()).isEmpty();
    assertThat(names.toString()).contains("Bearer ****").doesNotContain(token);
    RecordedRequest tile = hub.apiRequests().get(1);
    assertThat(tile.path()).isEqualTo("/maps/raster/v1/zxy/Light_3857/7/0/1.png");
    assertThat(tile.header("x-trace")).contains("abc");
    assertThat(tile.toString()).doesNotContain(hub.key());
  }

  @Test
  void theApiKeyInTheQueryIsMaskedInTheRecordsToString() {
    get(URI.create(hub.namesUri("Wells") + "&key=" + hub.key()));

    assertThat(hub.apiRequests().get(0).toString()).contains("query=Wells&key=****").doesNotContain(hub.key());
    assertThat(hub.apiRequests().get(0).queryParameter("key")).contains(hub.key());
  }

  @Test
  void uriHelpersValidateTheirInput() {
    assertThat(hub.rasterTileUri("Road_27700", 3, 4, 5).toString())
        .isEqualTo(hub.baseUri() + "/maps/raster/v1/zxy/Road_27700/3/4/5.png");
    assertThatThrownBy(() -> hub.rasterTileUri("../x", 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.rasterTileUri("Road_3857", -1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(hub.namesUri("a&b=c").getRawQuery()).isEqualTo("query=a%26b%3Dc");
  }
}
