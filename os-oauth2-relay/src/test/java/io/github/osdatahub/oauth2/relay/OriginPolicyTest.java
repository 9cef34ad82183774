package io.github.osdatahub.oauth2.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.relay.OriginPolicy.Access;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Origin rules without a server: what counts as the same origin, and how origins are compared. */
class OriginPolicyTest {
  private final OriginPolicy sameOriginOnly = new OriginPolicy(Set.of());

  @Test
  void originsCompareWithTheirDefaultPortsAndInAnyCase() {
    assertThat(OriginPolicy.normalize("https://Maps.Example.com")).isEqualTo("https://maps.example.com:443");
    assertThat(OriginPolicy.normalize("https://maps.example.com:443")).isEqualTo("https://maps.example.com:443");
    assertThat(OriginPolicy.normalize("HTTP://localhost")).isEqualTo("http://localhost:80");
    assertThat(OriginPolicy.normalize("http://[::1]:8080")).isEqualTo("http://[::1]:8080");
    for (String notAnOrigin : List.of("null", "*", "file:///x", "https://a.example/path", "https://a.example?q",
        "https://user@a.example", "a.example", "", "http://")) {
      assertThat(OriginPolicy.normalize(notAnOrigin)).as(notAnOrigin).isNull();
    }
  }

  @Test
  void theSameOriginIsTheHostTheRequestWasSentTo() {
    assertThat(sameOriginOnly.decide("http://localhost:8080", null, "localhost:8080")).isEqualTo(Access.SAME_ORIGIN);
    assertThat(sameOriginOnly.decide("https://maps.example.com", null, "maps.example.com")).isEqualTo(Access.SAME_ORIGIN);
    assertThat(sameOriginOnly.decide("https://maps.example.com", null, "maps.example.com:443"))
        .isEqualTo(Access.SAME_ORIGIN);
    assertThat(sameOriginOnly.decide("http://[::1]:8080", null, "[::1]:8080")).isEqualTo(Access.SAME_ORIGIN);

    assertThat(sameOriginOnly.decide("http://localhost:8081", null, "localhost:8080")).isEqualTo(Access.FORBIDDEN);
    assertThat(sameOriginOnly.decide("https://maps.example.com", null, "maps.example.com:8443"))
        .isEqualTo(Access.FORBIDDEN);
    assertThat(sameOriginOnly.decide("http://localhost:8080", null, null)).isEqualTo(Access.FORBIDDEN);
    assertThat(sameOriginOnly.decide("http://localhost:8080", null, "localhost:8080/x")).isEqualTo(Access.FORBIDDEN);
    assertThat(sameOriginOnly.decide("http://a.example:80", null, "evil@a.example")).isEqualTo(Access.FORBIDDEN);
  }

  @Test
  void fetchMetadataFromAnotherSiteNeedsAnAllowListedOrigin() {
    OriginPolicy allowing = new OriginPolicy(OriginPolicy.normalizeAll(List.of("https://maps.example.com")));
    assertThat(allowing.decide("https://maps.example.com", "cross-site", "api.example.com"))
        .isEqualTo(Access.ALLOWED_ORIGIN);
    assertThat(allowing.decide(null, "cross-site", "api.example.com")).isEqualTo(Access.FORBIDDEN);
    assertThat(allowing.decide(null, "Same-Site", "api.example.com")).isEqualTo(Access.FORBIDDEN);
    // An Origin equal to the Host cannot come with a browser's cross-site label; if it does, it is refused.
    assertThat(allowing.decide("https://api.example.com", "cross-site", "api.example.com")).isEqualTo(Access.FORBIDDEN);
    assertThat(allowing.decide(null, "same-origin", "api.example.com")).isEqualTo(Access.SAME_ORIGIN);
    assertThat(allowing.decide(null, "none", "api.example.com")).isEqualTo(Access.SAME_ORIGIN);
    assertThat(allowing.decide(null, null, "api.example.com")).isEqualTo(Access.SAME_ORIGIN);
  }
}
