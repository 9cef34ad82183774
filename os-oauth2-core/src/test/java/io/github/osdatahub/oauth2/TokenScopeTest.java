package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenScopeTest {
  @ParameterizedTest
  @ValueSource(strings = {"https://api.os.uk/maps/raster/v1/wmts", "https://API.OS.UK/search/names/v1/find?query=x",
      "https://api.os.uk:443/features/ngd/ofa/v1/collections", "https://api.os.uk/oauth2/tokenish"})
  void defaultsPermitOsApisOverHttps(String uri) {
    assertThat(TokenScope.defaults().permits(URI.create(uri))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://api.os.uk/maps/raster/v1/wmts", "https://api.os.uk.evil.com/x",
      "https://evil.com/api.os.uk", "https://os.uk/x", "https://api.os.uk/oauth2/token/v1",
      "https://api.os.uk/oauth2/token/", "ws://api.os.uk/x", "https://127.0.0.1/x"})
  void defaultsRefuseEverythingElse(String uri) {
    assertThat(TokenScope.defaults().permits(URI.create(uri))).isFalse();
  }

  @Test
  void nullAndRelativeUrisAreRefused() {
    assertThat(TokenScope.defaults().permits((URI) null)).isFalse();
    assertThat(TokenScope.defaults().permits(URI.create("/maps/raster/v1/wmts"))).isFalse();
    assertThat(TokenScope.defaults().permits(null, "api.os.uk", "/x")).isFalse();
    assertThat(TokenScope.defaults().permits("https", null, "/x")).isFalse();
    assertThat(TokenScope.defaults().permits("https", "api.os.uk", null)).isTrue();
  }

  @Test
  void plainHttpOnlyToLoopback() {
    TokenScope scope = TokenScope.of("127.0.0.1", "localhost", "[::1]", "test.example");
    assertThat(scope.permits(URI.create("http://127.0.0.1:8080/maps/raster/v1/wmts"))).isTrue();
    assertThat(scope.permits(URI.create("http://localhost:8080/x"))).isTrue();
    assertThat(scope.permits(URI.create("http://[::1]:8080/x"))).isTrue();
    assertThat(scope.permits(URI.create("http://test.example/x"))).isFalse();
    assertThat(scope.permits(URI.create("https://test.example/x"))).isTrue();
    assertThat(scope.permits(URI.create("http://127.0.0.1:8080/oauth2/token/v1"))).isFalse();
    assertThat(scope.permits(URI.create("http://127.0.0.2/x"))).isFalse();
  }

  @Test
  void andAddsHosts() {
    TokenScope scope = TokenScope.defaults().and("127.0.0.1");
    assertThat(scope.hosts()).containsExactlyInAnyOrder("api.os.uk", "127.0.0.1");
    assertThat(TokenScope.defaults().hosts()).containsExactly("api.os.uk");
    assertThat(scope.toString()).contains("api.os.uk").contains("127.0.0.1");
  }

  @Test
  void hostsAreValidated() {
    assertThatThrownBy(TokenScope::of).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenScope.of(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenScope.of("api.os.uk:443")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> TokenScope.of("https://api.os.uk")).isInstanceOf(IllegalArgumentException.class);
    assertThat(TokenScope.of(" API.OS.UK ").hosts()).containsExactly("api.os.uk");
  }

  @Test
  void loopbackByLiteralFormOnly() {
    for (String h : new String[] {"localhost", "LOCALHOST", "a.localhost", "127.0.0.1", "127.255.0.9", "::1", "[::1]",
        "0:0:0:0:0:0:0:1"}) {
      assertThat(TokenScope.isLoopback(h)).as(h).isTrue();
    }
    for (String h : new String[] {"localhost.evil.com", "128.0.0.1", "10.0.0.1", "::2", "api.os.uk", "0.0.0.0", ""}) {
      assertThat(TokenScope.isLoopback(h)).as(h).isFalse();
    }
    assertThat(TokenScope.isLoopback(null)).isFalse();
  }
}
