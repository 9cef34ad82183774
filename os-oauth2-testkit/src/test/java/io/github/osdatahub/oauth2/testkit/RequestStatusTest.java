package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.fetchToken;
import static io.github.osdatahub.oauth2.testkit.RawHttp.get;
import static io.github.osdatahub.oauth2.testkit.RawHttp.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request log keeps the status each request was answered with, so a test can assert, for
 * example, that no tile request was answered 401.
 */
class RequestStatusTest {
  private final FakeOsDataHub hub = FakeOsDataHub.builder().rateLimitPerMinute(600).start();

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void everyAnswerIsInTheLogWhenTheClientHasIt() {
    String token = fetchToken(hub);
    for (int i = 0; i < 50; i++) {
      URI tile = hub.rasterTileUri("Road_3857", 7, i, i);
      HttpResponse<String> answer = i % 2 == 0 ? getWithToken(tile, token) : get(tile);

      List<RecordedRequest> log = hub.apiRequests();
      assertThat(log.get(log.size() - 1).status()).as("request %d", i).isEqualTo(answer.statusCode());
    }
    assertThat(hub.apiRequests()).extracting(RecordedRequest::status).containsOnly(200, 401)
        .filteredOn(status -> status == 401).hasSize(25);
  }

  @Test
  void errorsAreRecordedWithTheirStatus() {
    String token = fetchToken(hub);
    hub.deniedApis("/features/");
    getWithToken(hub.featuresUri("bld-fts-building-1"), token);
    getWithToken(hub.rasterTileUri("Road_3857", 3, 0, 0), token);
    getWithToken(URI.create(hub.baseUri() + "/nowhere"), token);
    get(hub.tokenUri());

    assertThat(hub.apiRequests()).extracting(RecordedRequest::status).containsExactly(403, 400, 404);
    assertThat(hub.tokenRequests()).extracting(RecordedRequest::status).containsExactly(200, 405);
  }

  @Test
  void faultsAreRecordedAsAnsweredAndADroppedConnectionAsZero() {
    hub.failNextTokenRequests(1, TokenFault.status(503));
    hub.failNextTokenRequests(1, TokenFault.dropConnection());

    assertThat(RawHttp.send(RawHttp.tokenRequest(hub)).statusCode()).isEqualTo(503);
    assertThatThrownBy(() -> RawHttp.send(RawHttp.tokenRequest(hub))).isInstanceOf(UncheckedIOException.class);

    assertThat(hub.tokenRequests()).extracting(RecordedRequest::status).containsExactly(503, 0);
  }

  @Test
  void toStringShowsTheStatusAndResetForgetsIt() {
    get(hub.namesUri("Ely"));

    assertThat(hub.apiRequests().get(0).toString()).contains("GET /search/names/v1/find?query=Ely, status=401,");
    hub.reset();
    assertThat(hub.apiRequests()).isEmpty();
  }
}
