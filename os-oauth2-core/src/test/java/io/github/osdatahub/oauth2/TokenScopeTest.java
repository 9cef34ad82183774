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
    assertThat(TokenScope.defaults().permits(null, "api.os.uk", -1, "/x")).isFalse();
    assertThat(TokenScope.defaults().permits("https", null, -1, "/x")).isFalse();
    assertThat(TokenScope.defaults().permits("https", "api.os.uk", -1, null)).isTrue();
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
    assertThatThrownBy(() -> TokenScope.of("api.os.uk:0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> TokenScope.of("api.os.uk:x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> TokenScope.of("[::1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenScope.of("user@api.os.uk")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenScope.of("https://api.os.uk")).isInstanceOf(IllegalArgumentException.class);
    assertThat(TokenScope.of(" API.OS.UK ").hosts()).containsExactly("api.os.uk");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.255.0.9", "::1", "[::1]", "0:0:0:0:0:0:0:1",
      "0000:0000::0001", "::0:1", "[0::1]", "::ffff:127.0.0.1", "::FFFF:7f00:1"})
  void loopbackLiterals(String host) {
    assertThat(Loopback.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.attacker.example", "127.0.0.1.nip.io", "127.0.0.1.", "a.localhost", "localhost.evil.com",
      "128.0.0.1", "10.0.0.1", "::2", "api.os.uk", "0.0.0.0", "", "127.0.0.01", "0127.0.0.1", "127.0.0.256",
      "127.0.0", "127.1", "2130706433", "0x7f.0.0.1", "::1%lo", "1::1", "::ffff:128.0.0.1", "::1::", "::2:1",
      "0:0:0:0:0:0:0:0:1"})
  void notLoopback(String host) {
    assertThat(Loopback.isLoopback(host)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.attacker.example/oauth2/token/v1", "http://127.0.0.1.nip.io/oauth2/token/v1",
      "http://localhost.evil.com/oauth2/token/v1"})
  void spoofedLoopbackNamesAreRefusedAsEndpoints(String endpoint) {
    assertThatThrownBy(() -> TokenRequest.checkEndpoint(URI.create(endpoint)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.attacker.example", "127.0.0.1.nip.io"})
  void spoofedLoopbackNamesGetNoTokenOverPlainHttp(String host) {
    TokenScope scope = TokenScope.of(host);
    assertThat(scope.permits(URI.create("http://" + host + "/search/names/v1/find"))).isFalse();
    assertThat(scope.permits(URI.create("http://" + host + ":8080/search/names/v1/find"))).isFalse();
    assertThat(scope.permits(URI.create("https://" + host + "/search/names/v1/find"))).isTrue();
  }

  @Test
  void aHostWithoutPortPermitsOnlyTheDefaultPortUnlessLoopback() {
    TokenScope scope = TokenScope.defaults();
    assertThat(scope.permits(URI.create("https://api.os.uk:8443/x"))).isFalse();
    assertThat(scope.permits(URI.create("https://api.os.uk:80/x"))).isFalse();
    assertThat(scope.permits("https", "api.os.uk", 8443, "/x")).isFalse();
    assertThat(scope.permits("https", "api.os.uk", 443, "/x")).isTrue();
    TokenScope loopback = TokenScope.of("127.0.0.1", "[::1]");
    assertThat(loopback.permits(URI.create("http://127.0.0.1:1/x"))).isTrue();
    assertThat(loopback.permits(URI.create("https://127.0.0.1:65535/x"))).isTrue();
    assertThat(loopback.permits(URI.create("http://[::1]:9/x"))).isTrue();
  }

  @Test
  void aPortInTheEntryPermitsThatPortOnly() {
    TokenScope scope = TokenScope.of("api.os.uk:8443", "127.0.0.1:9000", "[::1]:9001");
    assertThat(scope.hosts()).containsExactlyInAnyOrder("api.os.uk:8443", "127.0.0.1:9000", "[::1]:9001");
    assertThat(scope.permits(URI.create("https://api.os.uk:8443/x"))).isTrue();
    assertThat(scope.permits(URI.create("https://api.os.uk/x"))).isFalse();
    assertThat(scope.permits(URI.create("http://127.0.0.1:9000/x"))).isTrue();
    assertThat(scope.permits(URI.create("http://127.0.0.1:9002/x"))).isFalse();
    assertThat(scope.permits(URI.create("http://[::1]:9001/x"))).isTrue();
    assertThat(scope.permits(URI.create("http://[::1]:9000/x"))).isFalse();
    assertThat(TokenScope.of("api.os.uk:443").permits(URI.create("https://api.os.uk/x"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/oauth2/token/v1", "/x/../oauth2/token/v1", "//oauth2/token/v1", "/%6Fauth2/token/v1",
      "/OAUTH2/TOKEN/v1", "/./oauth2/./token/v1", "/oauth2//token", "/oauth2/token", "/%2e%2e/oauth2/token/v1",
      "/oauth2/%74oken/v1"})
  void theTokenEndpointPathIsRefusedHoweverSpelt(String path) {
    assertThat(TokenScope.defaults().permits(URI.create("https://api.os.uk" + path))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/oauth2/tokenish", "/search/oauth2/token/v1", "/oauth2", "/", "/oauth2/x/../tokens/v1"})
  void otherPathsArePermitted(String path) {
    assertThat(TokenScope.defaults().permits(URI.create("https://api.os.uk" + path))).isTrue();
  }
}
