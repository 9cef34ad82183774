package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.TokenScope;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The token's scope when the token endpoint is overridden, with TokenScope's origin-exact rules. */
class ConfigurationTest {
  @Test
  void anEndpointOnANonDefaultPortAddsThatOrigin() {
    TokenScope scope = Configuration.apiScope(URI.create("https://gateway.example:8443/oauth2/token/v1"));

    assertThat(scope.hosts()).containsExactlyInAnyOrder("api.os.uk", "gateway.example:8443");
    assertThat(scope.permits(URI.create("https://gateway.example:8443/search/names/v1/find"))).isTrue();
    assertThat(scope.permits(URI.create("https://gateway.example/search/names/v1/find"))).isFalse();
    assertThat(scope.permits(URI.create("https://gateway.example:8443/oauth2/token/v1"))).isFalse();
  }

  @Test
  void anEndpointOnApiOsUkWithAnotherPortAddsThatPort() {
    TokenScope scope = Configuration.apiScope(URI.create("https://api.os.uk:8443/oauth2/token/v1"));

    assertThat(scope.permits(URI.create("https://api.os.uk:8443/search/names/v1/find"))).isTrue();
    assertThat(scope.permits(URI.create("https://api.os.uk/search/names/v1/find"))).isTrue();
  }

  @Test
  void anEndpointOnTheDefaultPortAddsTheHostAlone() {
    assertThat(Configuration.apiScope(URI.create("https://gateway.example:443/t")).hosts())
        .containsExactlyInAnyOrder("api.os.uk", "gateway.example");
    assertThat(Configuration.apiScope(URI.create("https://gateway.example/t")).hosts())
        .containsExactlyInAnyOrder("api.os.uk", "gateway.example");
    assertThat(Configuration.apiScope(URI.create("https://api.os.uk/oauth2/token/v1")).hosts())
        .containsExactly("api.os.uk");
  }

  @Test
  void aLoopbackEndpointAddsTheHostForAnyPortAsTokenScopeDoes() {
    TokenScope scope = Configuration.apiScope(URI.create("http://127.0.0.1:8099/oauth2/token/v1"));

    assertThat(scope.hosts()).containsExactlyInAnyOrder("api.os.uk", "127.0.0.1");
    assertThat(scope.permits(URI.create("http://127.0.0.1:8099/search/names/v1/find"))).isTrue();
    assertThat(scope.permits(URI.create("http://127.0.0.1:9000/search/names/v1/find"))).isTrue();
  }

  @Test
  void anIpv6EndpointOnAPortIsBracketed() {
    TokenScope scope = Configuration.apiScope(URI.create("https://[2001:db8::1]:8443/oauth2/token/v1"));

    assertThat(scope.permits(URI.create("https://[2001:db8::1]:8443/x"))).isTrue();
    assertThat(scope.permits(URI.create("https://[2001:db8::1]/x"))).isFalse();
  }
}
