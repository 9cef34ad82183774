package io.github.osdatahub.oauth2.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.okhttp.LoopbackServer.Answer;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Authenticator;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code OkHttpTransport.create(client)}: uses the application's client without changing it. */
class OkHttpTransportClientTest {
  private LoopbackServer server;
  private TokenRequest request;

  @BeforeEach
  void start() throws IOException {
    server = LoopbackServer.okEverywhere();
    request = TokenRequest.create(ProjectCredentials.of("key", "secret"), server.uri("/oauth2/token/v1"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void leavesTheApplicationsClientAsItWas() {
    Authenticator own = (route, response) -> null;
    Interceptor tracing = chain -> chain.proceed(chain.request());
    OkHttpClient client = new OkHttpClient.Builder().authenticator(own).addInterceptor(tracing)
        .callTimeout(7, TimeUnit.SECONDS).build();

    OkHttpTransport.create(client);

    assertThat(client.followRedirects()).isTrue();
    assertThat(client.followSslRedirects()).isTrue();
    assertThat(client.authenticator()).isSameAs(own);
    assertThat(client.interceptors()).containsExactly(tracing);
    assertThat(client.callTimeoutMillis()).isEqualTo(7000);
  }

  @Test
  void runsTheApplicationsInterceptorsButNotItsAuthenticatorOrRedirects() throws IOException {
    List<String> intercepted = new ArrayList<>();
    List<Integer> challenged = new ArrayList<>();
    OkHttpClient client = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          intercepted.add(chain.request().url().encodedPath());
          return chain.proceed(chain.request());
        })
        .authenticator((route, response) -> {
          challenged.add(response.code());
          return null;
        })
        .build();
    OkHttpTransport transport = OkHttpTransport.create(client);

    server.respondWith(seen -> Answer.status(401));
    TransportResponse rejected = transport.send(request, Duration.ofSeconds(5));
    server.respondWith(seen -> Answer.redirect(server.uri("/elsewhere")));
    TransportResponse moved = transport.send(request, Duration.ofSeconds(5));

    assertThat(rejected.status()).isEqualTo(401);
    assertThat(moved.status()).isEqualTo(302);
    assertThat(moved.header("location")).hasValue(server.uri("/elsewhere").toString());
    assertThat(challenged).isEmpty();
    assertThat(intercepted).containsExactly("/oauth2/token/v1", "/oauth2/token/v1");
    assertThat(server.requests()).extracting(LoopbackServer.Seen::path).containsOnly("/oauth2/token/v1").hasSize(2);
    assertThat(server.requests()).extracting(LoopbackServer.Seen::authorization)
        .containsOnly("Basic " + java.util.Base64.getEncoder().encodeToString("key:secret".getBytes(
            java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void sendsAsynchronouslyOnTheCopy() throws Exception {
    OkHttpTransport transport = OkHttpTransport.create(new OkHttpClient());

    TransportResponse answer = transport.sendAsync(request, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello");
  }
}
