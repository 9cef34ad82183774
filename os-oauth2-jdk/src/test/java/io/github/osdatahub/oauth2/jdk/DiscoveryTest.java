package io.github.osdatahub.oauth2.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import org.junit.jupiter.api.Test;

/**
 * The one-line entry with discovery: this module's transport and the Gson codec (on the test class
 * path) are found by ServiceLoader, and the provider gets a token from the fake over HTTP.
 */
class DiscoveryTest {
  @Test
  void discoveredTransportAndCodecFetchAToken() {
    try (FakeOsDataHub hub = FakeOsDataHub.start();
        CachingTokenProvider provider = OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri()).build()) {
      assertThat(provider.token().value()).matches("[A-Za-z0-9]{28}");
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
      assertThat(OsOAuth2.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"); // filled in by the build
      assertThat(hub.tokenRequests().get(0).header("User-Agent")).hasValueSatisfying(ua ->
          assertThat(ua).startsWith("os-oauth2-java/" + OsOAuth2.version() + " Java/"));
    }
  }
}
