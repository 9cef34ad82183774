package io.github.osdatahub.oauth2.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension on a static field: one configured hub for the class, reset before each test. */
class FakeOsDataHubExtensionTest {
  static final ManualTimeSource TIME = new ManualTimeSource();
  private static final AtomicReference<URI> FIRST_SEEN = new AtomicReference<>();

  @RegisterExtension
  static FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(builder -> builder
      .timeSource(TIME).tokenLifetime(Duration.ofSeconds(60)).developmentMode());

  @AfterAll
  static void stillRunningUntilAfterTheClass() {
    assertThat(RawHttp.fetchToken(hub.get())).hasSize(28);
  }

  /** Runs three times: each run must find a fresh hub on the same port, whatever ran before. */
  @RepeatedTest(3)
  void everyTestStartsFromAResetHubOnTheSameServer() {
    FIRST_SEEN.compareAndSet(null, hub.baseUri());
    assertThat(hub.baseUri()).isEqualTo(FIRST_SEEN.get());
    assertThat(hub.tokenRequestCount()).isZero();
    assertThat(hub.apiRequestCount()).isZero();
    assertThat(hub.tokenRequests()).isEmpty();
    assertThat(hub.apiRequests()).isEmpty();

    String token = RawHttp.fetchToken(hub.get());
    RawHttp.getWithToken(hub.namesUri("Ely"), token);
    hub.failNextTokenRequests(1, TokenFault.status(503)); // left queued for the reset to drop

    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.apiRequestCount()).isEqualTo(1);
  }

  @Test
  void theBuilderConfigurationApplies() {
    String answer = RawHttp.send(RawHttp.tokenRequest(hub.get())).body();
    assertThat(answer).contains("\"expires_in\":\"60\"").contains("\"issued_at\":\"" + TIME.currentTimeMillis() + "\"");

    int ok = 0;
    for (int i = 0; i < 51; i++) {
      ok += RawHttp.get(hub.rasterTileUri("Road_3857", 7, 63, 42), "key", hub.key()).statusCode() == 200 ? 1 : 0;
    }
    assertThat(ok).isEqualTo(50);
  }

  @Test
  void delegatesToTheRunningHub(FakeOsDataHub injected) {
    FakeOsDataHub running = hub.get();

    assertThat(injected).isSameAs(running);
    assertThat(hub.tokenUri()).isEqualTo(running.tokenUri());
    assertThat(hub.host()).isEqualTo(running.host());
    assertThat(hub.credentials()).isEqualTo(running.credentials());
    assertThat(hub.key()).isEqualTo(running.key());
    assertThat(hub.secret()).isEqualTo(running.secret());
    assertThat(hub.tokenScope().hosts()).isEqualTo(running.tokenScope().hosts());
    assertThat(hub.namesUri("Ely")).isEqualTo(running.namesUri("Ely"));
    assertThat(hub.rasterTileUri("Road_3857", 1, 2, 3)).isEqualTo(running.rasterTileUri("Road_3857", 1, 2, 3));
    assertThat(hub.toString()).contains(running.baseUri().toString());
  }

  @Test
  void delegatedActionsReachTheHub() {
    String token = RawHttp.fetchToken(hub.get());
    hub.expireAllTokens();
    assertThat(RawHttp.getWithToken(hub.namesUri("Ely"), token).body()).isEqualTo(ProtectedApiTest.EXPIRED);

    hub.failNextTokenRequests(1, TokenFault.status(500));
    assertThat(RawHttp.send(RawHttp.tokenRequest(hub.get())).statusCode()).isEqualTo(500);

    hub.redirect("/old", URI.create("http://127.0.0.1:9/new"));
    assertThat(RawHttp.get(URI.create(hub.baseUri() + "/old")).statusCode()).isEqualTo(302);
  }
}
