package io.github.osdatahub.oauth2.testkit;

import static io.github.osdatahub.oauth2.testkit.RawHttp.FORM;
import static io.github.osdatahub.oauth2.testkit.RawHttp.GRANT;
import static io.github.osdatahub.oauth2.testkit.RawHttp.basic;
import static io.github.osdatahub.oauth2.testkit.RawHttp.send;
import static io.github.osdatahub.oauth2.testkit.RawHttp.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /oauth2/token/v1} on the wire, through the JDK HttpClient. */
class TokenEndpointTest {
  static final String TOKEN_ANSWER =
      "\\{\"access_token\":\"[A-Za-z0-9]{28}\",\"expires_in\":\"299\",\"issued_at\":\"\\d{13}\",\"token_type\":\"Bearer\"\\}";

  private final ManualTimeSource time = new ManualTimeSource();
  private final FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).start();

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void answersTheDocumentedTokenExactly() {
    HttpResponse<String> response = send(tokenRequest(hub));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body()).matches(TOKEN_ANSWER);
    assertThat(response.body()).contains("\"issued_at\":\"" + time.currentTimeMillis() + "\"");
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.apiRequestCount()).isZero();
  }

  @Test
  void recordsTheTokenRequest() {
    send(tokenRequest(hub));

    RecordedRequest request = hub.tokenRequests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/oauth2/token/v1");
    assertThat(request.query()).isEmpty();
    assertThat(request.header("authorization")).contains(basic(hub.key(), hub.secret()));
    assertThat(request.header("CONTENT-TYPE")).contains(FORM);
    assertThat(request.headers()).containsKey("accept");
    assertThat(request.body()).isEqualTo(GRANT.getBytes(StandardCharsets.UTF_8));
    assertThat(request.receivedAt().toEpochMilli()).isEqualTo(time.currentTimeMillis());
  }

  @Test
  void issuesADistinctTokenEachCallAndKeepsTheEarlierOnesValid() {
    String first = RawHttp.fetchToken(hub);
    String second = RawHttp.fetchToken(hub);

    assertThat(first).isNotEqualTo(second);
    assertThat(RawHttp.getWithToken(hub.namesUri("Leeds"), first).statusCode()).isEqualTo(200);
    assertThat(RawHttp.getWithToken(hub.namesUri("Leeds"), second).statusCode()).isEqualTo(200);
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
    assertThat(hub.apiRequestCount()).isEqualTo(2);
  }

  @Test
  void expiresInReportsTheConfiguredLifetime() {
    try (FakeOsDataHub shortLived = FakeOsDataHub.builder().tokenLifetime(Duration.ofSeconds(60)).start()) {
      assertThat(send(tokenRequest(shortLived)).body()).contains("\"expires_in\":\"60\"");
      shortLived.tokenLifetime(Duration.ofMinutes(10));
      assertThat(send(tokenRequest(shortLived)).body()).contains("\"expires_in\":\"600\"");
      assertThat(shortLived.tokenRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void customCredentialsAreTheOnlyOnesAccepted() {
    try (FakeOsDataHub custom = FakeOsDataHub.builder().credentials("my-key", "my-secret").start()) {
      assertThat(custom.key()).isEqualTo("my-key");
      assertThat(custom.secret()).isEqualTo("my-secret");
      assertThat(custom.credentials().key()).isEqualTo("my-key");
      assertThat(send(tokenRequest(custom)).statusCode()).isEqualTo(200);
      HttpResponse<String> defaults = send(tokenRequest(custom)
          .setHeader("Authorization", basic(FakeOsDataHub.DEFAULT_KEY, FakeOsDataHub.DEFAULT_SECRET)));
      assertThat(defaults.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void wrongSecretGetsTheGatewayInvalidClientBody() {
    HttpResponse<String> response = send(tokenRequest(hub).setHeader("Authorization", basic(hub.key(), "nope")));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body()).isEqualTo("{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid\"}");
  }

  @Test
  void wrongKeyMissingOrMalformedAuthorizationAreInvalidClient() {
    String invalidClient = "{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid\"}";
    HttpRequest noAuthorization = HttpRequest.newBuilder(hub.tokenUri()).header("Content-Type", FORM)
        .POST(HttpRequest.BodyPublishers.ofString(GRANT)).build();

    assertThat(send(tokenRequest(hub).setHeader("Authorization", basic("other", hub.secret()))).body())
        .isEqualTo(invalidClient);
    assertThat(send(noAuthorization).body()).isEqualTo(invalidClient);
    assertThat(send(tokenRequest(hub).setHeader("Authorization", "Basic %%%not-base64")).statusCode()).isEqualTo(401);
    assertThat(send(tokenRequest(hub).setHeader("Authorization", "Bearer " + hub.secret())).statusCode())
        .isEqualTo(401);
    assertThat(hub.tokenRequestCount()).isEqualTo(4);
  }

  @Test
  void basicSchemeIsCaseInsensitive() {
    String value = basic(hub.key(), hub.secret()).substring("Basic ".length());
    assertThat(send(tokenRequest(hub).setHeader("Authorization", "basic " + value)).statusCode()).isEqualTo(200);
  }

  @Test
  void credentialsInTheFormBodyAreAcceptedToo() {
    HttpRequest request = HttpRequest.newBuilder(hub.tokenUri()).header("Content-Type", FORM)
        .POST(HttpRequest.BodyPublishers.ofString(GRANT + "&client_id=" + hub.key()
            + "&client_secret=" + hub.secret()))
        .build();

    assertThat(send(request).body()).matches(TOKEN_ANSWER);
  }

  @Test
  void missingGrantTypeIsInvalidRequest() {
    HttpResponse<String> response = send(tokenRequest(hub).POST(HttpRequest.BodyPublishers.ofString("scope=x")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"ErrorCode\":\"invalid_request\",\"Error\":\"Unsupported grant type : \"}");
  }

  @Test
  void wrongGrantTypeIsNamedInTheError() {
    HttpResponse<String> response =
        send(tokenRequest(hub).POST(HttpRequest.BodyPublishers.ofString("grant_type=password")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo("{\"ErrorCode\":\"invalid_request\",\"Error\":\"Unsupported grant type : password\"}");
  }

  @Test
  void wrongContentTypeIsRejected() {
    HttpResponse<String> json = send(tokenRequest(hub).setHeader("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")));
    HttpResponse<String> missing = send(HttpRequest.newBuilder(hub.tokenUri())
        .header("Authorization", basic(hub.key(), hub.secret()))
        .POST(HttpRequest.BodyPublishers.ofString(GRANT)));

    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(json.body()).isEqualTo(
        "{\"ErrorCode\":\"invalid_request\",\"Error\":\"Content-Type must be application/x-www-form-urlencoded\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
  }

  @Test
  void contentTypeParametersAndCaseAreIgnored() {
    assertThat(send(tokenRequest(hub).setHeader("Content-Type", FORM + "; charset=UTF-8")).statusCode())
        .isEqualTo(200);
    assertThat(send(tokenRequest(hub).setHeader("Content-Type", "Application/X-WWW-Form-Urlencoded")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void otherMethodsAreRefusedWithAllowPost() {
    HttpResponse<String> get = RawHttp.get(hub.tokenUri(), "Authorization", basic(hub.key(), hub.secret()));
    HttpResponse<String> put = send(tokenRequest(hub).PUT(HttpRequest.BodyPublishers.ofString(GRANT)));

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
    assertThat(get.body()).isEqualTo("{\"ErrorCode\":\"invalid_request\",\"Error\":\"Unsupported method : GET\"}");
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void headIsRefusedWithoutABody() {
    HttpResponse<String> head = send(tokenRequest(hub).method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.body()).isEmpty();
    assertThat(send(tokenRequest(hub)).statusCode()).isEqualTo(200);
    assertThat(hub.tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void legacyResponsesUseBearerTokenAndJsonNumbers() {
    String legacy =
        "\\{\"access_token\":\"[A-Za-z0-9]{28}\",\"expires_in\":299,\"issued_at\":\\d{13},\"token_type\":\"BearerToken\"\\}";
    try (FakeOsDataHub old = FakeOsDataHub.builder().legacyResponses(true).start()) {
      assertThat(send(tokenRequest(old)).body()).matches(legacy);
      old.legacyResponses(false);
      assertThat(send(tokenRequest(old)).body()).matches(TOKEN_ANSWER);
    }
    hub.legacyResponses(true);
    assertThat(send(tokenRequest(hub)).body()).matches(legacy);
  }

  @Test
  void legacyTokensWorkOnTheApisLikeAnyOther() {
    hub.legacyResponses(true);
    String token = RawHttp.fetchToken(hub);

    assertThat(RawHttp.getWithToken(hub.namesUri("York"), token).statusCode()).isEqualTo(200);
  }

  @Test
  void toStringOfTheRecordNeverShowsTheCredentials() {
    send(tokenRequest(hub));
    String basicValue = basic(hub.key(), hub.secret()).substring("Basic ".length());

    String shown = hub.tokenRequests().get(0).toString();
    assertThat(shown).contains("POST /oauth2/token/v1", "Basic ****", GRANT.length() + " bytes");
    assertThat(shown).doesNotContain(basicValue).doesNotContain(hub.secret());
  }

  @Test
  void builderRejectsBadSettingsByName() {
    assertThatThrownBy(() -> FakeOsDataHub.builder().tokenLifetime(Duration.ofMillis(500)))
        .hasMessageContaining("tokenLifetime");
    assertThatThrownBy(() -> FakeOsDataHub.builder().rateLimitPerMinute(0)).hasMessageContaining("rateLimitPerMinute");
    assertThatThrownBy(() -> FakeOsDataHub.builder().recordLimit(0)).hasMessageContaining("recordLimit");
    assertThatThrownBy(() -> FakeOsDataHub.builder().port(70_000)).hasMessageContaining("port");
    assertThatThrownBy(() -> FakeOsDataHub.builder().deniedApis("maps")).hasMessageContaining("deniedApis");
    assertThatThrownBy(() -> FakeOsDataHub.builder().credentials("a\u0000b", "s")).hasMessageContaining("API key");
    assertThatThrownBy(() -> FakeOsDataHub.builder().bindAddress(" ")).hasMessageContaining("bindAddress");
    assertThatThrownBy(() -> hub.rateLimitPerMinute(-1)).hasMessageContaining("rateLimitPerMinute");
    assertThatThrownBy(() -> hub.redirect("moved", hub.baseUri())).hasMessageContaining("redirect");
    assertThat(hub.tokenRequestCount()).isZero();
    assertThat(Optional.of(hub.toString())).contains("FakeOsDataHub[" + hub.baseUri() + "]");
  }
}
