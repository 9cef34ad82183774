package io.github.osdatahub.oauth2.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code redirect(path, target)}: a 302 from an exact path, for testing that clients keep tokens at home. */
class RedirectTest {
  @Test
  void redirectsAPathWithA302AndCountsIt() {
    try (FakeOsDataHub hub = FakeOsDataHub.start()) {
      URI target = URI.create("http://localhost:1234/x");
      hub.redirect("/moved", target);

      HttpResponse<String> response = RawHttp.get(URI.create(hub.baseUri() + "/moved?a=1"), "key", hub.key());

      assertThat(response.statusCode()).isEqualTo(302);
      assertThat(response.headers().firstValue("Location")).contains(target.toString());
      assertThat(RawHttp.get(URI.create(hub.baseUri() + "/moved/more")).statusCode()).isEqualTo(404);
      assertThat(hub.apiRequestCount()).isEqualTo(2);
      assertThat(hub.apiRequests().get(0).query()).isEqualTo("a=1");
    }
  }

  @Test
  void theTokenEndpointCanBeRedirected() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().redirect(FakeOsDataHub.TOKEN_PATH,
        URI.create("http://127.0.0.1:9/elsewhere")).start()) {
      HttpResponse<String> response = RawHttp.send(RawHttp.tokenRequest(hub));

      assertThat(response.statusCode()).isEqualTo(302);
      assertThat(response.headers().firstValue("Location")).contains("http://127.0.0.1:9/elsewhere");
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
      assertThat(hub.apiRequestCount()).isZero();

      hub.reset(); // the builder's redirect stays
      assertThat(RawHttp.send(RawHttp.tokenRequest(hub)).statusCode()).isEqualTo(302);
    }
  }

  @Test
  void aRedirectSetWhileRunningIsDroppedByReset() {
    try (FakeOsDataHub hub = FakeOsDataHub.start()) {
      hub.redirect(FakeOsDataHub.TOKEN_PATH, URI.create("http://127.0.0.1:9/elsewhere"));
      assertThat(RawHttp.send(RawHttp.tokenRequest(hub)).statusCode()).isEqualTo(302);

      hub.reset();

      assertThat(RawHttp.send(RawHttp.tokenRequest(hub)).statusCode()).isEqualTo(200);
    }
  }
}
