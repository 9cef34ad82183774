package io.github.osdatahub.oauth2.apache;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the transport does, and does not do, to clients it is given or makes. */
class ApacheHttpTransportOwnershipTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private FakeOsDataHub hub;
  private TokenRequest request;

  @BeforeEach
  void start() {
    hub = FakeOsDataHub.builder().noRateLimit().start();
    request = TokenRequest.create(ProjectCredentials.of(hub.key(), hub.secret()), hub.tokenUri());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void theUsersClassicClientKeepsItsOwnSettingsAndStaysOpen() throws Exception {
    hub.redirect("/moved", hub.namesUri("Southampton"));
    try (CloseableHttpClient users = HttpClients.createDefault()) {
      ApacheHttpTransport transport = ApacheHttpTransport.create(users);

      assertThat(transport.send(request, TIMEOUT).status()).isEqualTo(200);
      transport.close();

      // Still open, and still following redirects as its owner configured it.
      int status = users.execute(new HttpGet(hub.baseUri().resolve("/moved")), response -> {
        EntityUtils.consume(response.getEntity());
        return response.getCode();
      });
      assertThat(status).isEqualTo(401); // the Names API, reached through the redirect, wants a key
      assertThat(hub.apiRequests()).extracting(r -> r.path())
          .containsExactly("/moved", hub.namesUri("Southampton").getRawPath());
    }
  }

  @Test
  void theUsersAsyncClientStaysOpenAfterTheTransportCloses() throws Exception {
    try (CloseableHttpAsyncClient users = HttpAsyncClients.createDefault()) {
      users.start();
      ApacheHttpTransport transport = ApacheHttpTransport.create(users);

      assertThat(transport.sendAsync(request, TIMEOUT).get(30, SECONDS).status()).isEqualTo(200);
      transport.close();

      assertThat(users.execute(SimpleRequestBuilder.get(hub.namesUri("x")).build(), null).get(30, SECONDS).getCode())
          .isEqualTo(401);
    }
  }

  @Test
  void anAsyncClientThatWasNeverStartedFailsWithAMessageThatSaysSo() throws IOException {
    CloseableHttpAsyncClient notStarted = HttpAsyncClients.createDefault();
    try {
      ApacheHttpTransport transport = ApacheHttpTransport.create(notStarted);

      assertThatThrownBy(() -> transport.sendAsync(request, TIMEOUT).get(30, SECONDS))
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IOException.class)
          .hasMessageContaining("start()");
      assertThat(hub.tokenRequestCount()).isZero();
    } finally {
      notStarted.close(CloseMode.IMMEDIATE);
    }
  }

  @Test
  void theSdksOwnClientsAreClosedWithTheTransport() throws Exception {
    ApacheHttpTransport transport = ApacheHttpTransport.create();
    TransportResponse sync = transport.send(request, TIMEOUT);
    TransportResponse async = transport.sendAsync(request, TIMEOUT).get(30, SECONDS);
    assertThat(sync.status()).isEqualTo(200);
    assertThat(async.status()).isEqualTo(200);

    transport.close();

    assertThatThrownBy(() -> transport.send(request, TIMEOUT)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> transport.sendAsync(request, TIMEOUT).get(30, SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IOException.class);
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void toStringNamesTheSetupAndNothingElse() {
    try (CloseableHttpClient users = HttpClients.createDefault()) {
      assertThat(ApacheHttpTransport.create(users)).hasToString("ApacheHttpTransport[classic client]");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
