package io.github.osdatahub.oauth2.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.TokenScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Start, where it listens, close. */
class LifecycleTest {
  @Test
  void defaultsListenOnLoopbackWithTheDefaultCredentials() {
    try (FakeOsDataHub hub = FakeOsDataHub.start()) {
      assertThat(hub.host()).isEqualTo("127.0.0.1");
      assertThat(hub.port()).isPositive();
      assertThat(hub.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + hub.port()));
      assertThat(hub.tokenUri()).isEqualTo(URI.create("http://127.0.0.1:" + hub.port() + "/oauth2/token/v1"));
      assertThat(hub.key()).isEqualTo("fake-project-key");
      assertThat(hub.secret()).isEqualTo("fake-project-secret");
      assertThat(hub.credentials().toString()).doesNotContain(hub.secret());
    }
  }

  @Test
  void theTokenScopeAllowsTheApisButNeverTheTokenEndpoint() {
    try (FakeOsDataHub hub = FakeOsDataHub.start()) {
      TokenScope scope = hub.tokenScope();

      assertThat(scope.permits(hub.namesUri("Ely"))).isTrue();
      assertThat(scope.permits(hub.rasterTileUri("Road_3857", 0, 0, 0))).isTrue();
      assertThat(scope.permits(hub.tokenUri())).isFalse();
      assertThat(TokenScope.defaults().permits(hub.namesUri("Ely"))).isFalse();
    }
  }

  @Test
  void closeFreesThePortAtOnceAndRefusesConnections() throws IOException {
    FakeOsDataHub hub = FakeOsDataHub.start();
    int port = hub.port();
    RawHttp.fetchToken(hub);

    hub.close();
    hub.close(); // idempotent

    assertThatThrownBy(() -> RawHttp.send(RawHttp.tokenRequest(hub)))
        .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
    try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aFixedPortIsUsedAndABusyOneIsReportedByAddress() {
    int port;
    try (FakeOsDataHub first = FakeOsDataHub.start()) {
      port = first.port();
      assertThatThrownBy(() -> FakeOsDataHub.builder().port(port).start())
          .isInstanceOf(UncheckedIOException.class).hasMessageContaining("127.0.0.1:" + port);
    }
    try (FakeOsDataHub second = FakeOsDataHub.builder().port(port).start()) {
      assertThat(second.port()).isEqualTo(port);
      assertThat(RawHttp.fetchToken(second)).hasSize(28);
    }
  }

  @Test
  void closeEndsADelayedAnswerInsteadOfWaitingForIt() throws Exception {
    FakeOsDataHub hub = FakeOsDataHub.start();
    hub.failNextTokenRequests(1, TokenFault.delay(Duration.ofMinutes(10)));
    CompletableFuture<HttpResponse<String>> pending =
        RawHttp.CLIENT.sendAsync(RawHttp.tokenRequest(hub).build(), HttpResponse.BodyHandlers.ofString());
    while (hub.tokenRequestCount() == 0) {
      Thread.onSpinWait(); // until the server thread holds the request
    }

    hub.close();

    // The guard only stops a broken close() from hanging the build; ten minutes is what it would otherwise take.
    assertThatThrownBy(() -> pending.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void bindsToIpv6LoopbackWhenAsked() {
    boolean ipv6 = false;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      ipv6 = probe.isBound();
    } catch (IOException e) {
      // no IPv6 loopback here
    }
    Assumptions.assumeTrue(ipv6, "no IPv6 loopback on this machine");
    try (FakeOsDataHub hub = FakeOsDataHub.builder().bindAddress("::1").start()) {
      assertThat(hub.host()).isEqualTo("::1");
      assertThat(hub.baseUri().toString()).startsWith("http://[::1]:");
      assertThat(RawHttp.fetchToken(hub)).hasSize(28);
      assertThat(hub.tokenScope().permits(hub.namesUri("Ely"))).isTrue();
    }
  }

  @Test
  void aWildcardBindIsReachedThroughLoopback() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().bindAddress("0.0.0.0").start()) {
      assertThat(hub.host()).isEqualTo("127.0.0.1");
      assertThat(RawHttp.fetchToken(hub)).hasSize(28);
    }
  }

  @Test
  void recordsKeepTheLatestOnesWhileCountsStayExact() {
    try (FakeOsDataHub hub = FakeOsDataHub.builder().recordLimit(2).start()) {
      for (String place : new String[] {"Ely", "Wells", "Ripon"}) {
        RawHttp.get(hub.namesUri(place), "key", hub.key());
      }

      assertThat(hub.apiRequestCount()).isEqualTo(3);
      assertThat(hub.apiRequests()).extracting(RecordedRequest::query)
          .containsExactly("query=Wells", "query=Ripon");
    }
  }

  @Test
  void turnsOffNaglesAlgorithmForTheJdkServerUnlessTheUserChose() {
    // Without it each answer waits ~40 ms for a delayed ACK; see FakeOsDataHub's static initializer.
    FakeOsDataHub.builder();
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
  }
}
