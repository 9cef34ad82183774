package io.github.osdatahub.oauth2.testkit.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import io.github.osdatahub.oauth2.ProjectCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each stub's bytes on the wire, read with the JDK's HttpClient and compared with the answers
 * OS-DATA-HUB.md records (written out here, not built with the testkit's own JSON code).
 */
class OsDataHubStubsTest {
  private static final ProjectCredentials CREDENTIALS = ProjectCredentials.of("stubKey1", "stubSecret2");
  private static final String TOKEN_1 = "ZclClFcksJlZ19vnJOt09Yj3xme0";
  private static final String TOKEN_2 = "Qx7bN2mK9pL4vR8sT1wY5zA3cE6f";
  private static final String INVALID_CLIENT = "{\"ErrorCode\":\"invalid_client\",\"Error\":\"Client credentials are invalid\"}";
  private static final String EXPIRED = "{\"fault\":{\"faultstring\":\"Access Token expired\",\"detail\":"
      + "{\"errorcode\":\"keymanagement.service.access_token_expired\"}}}";
  private static final String NOT_IN_PLAN = "{\"fault\":{\"faultstring\":\"Invalid API call as no apiproduct match found\","
      + "\"detail\":{\"errorcode\":\"keymanagement.service.InvalidAPICallAsNoApiProductMatchFound\"}}}";
  private static final String QUOTA = "{\"fault\":{\"faultstring\":\"Rate limit quota violation. Quota limit exceeded. "
      + "Identifier : _default\",\"detail\":{\"errorcode\":\"policies.ratelimit.QuotaViolation\"}}}";

  private static WireMockServer server;
  private static final HttpClient http = HttpClient.newHttpClient();

  private OsDataHubStubs os;

  @BeforeAll
  static void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    os = OsDataHubStubs.on(server);
  }

  @Test
  void tokenAnswerHasOsExactShape() throws Exception {
    os.tokenEndpoint(CREDENTIALS, TOKEN_1);

    HttpResponse<String> answer = token(basic("stubKey1:stubSecret2"), "grant_type=client_credentials");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().allValues("Content-Type")).containsExactly("application/json");
    assertThat(answer.body()).matches("\\{\"access_token\":\"" + TOKEN_1
        + "\",\"expires_in\":\"299\",\"issued_at\":\"\\d{13}\",\"token_type\":\"Bearer\"}");
    long issuedAt = Long.parseLong(answer.body().replaceAll(".*\"issued_at\":\"(\\d+)\".*", "$1"));
    assertThat(issuedAt).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
  }

  @Test
  void tokensAreIssuedInTurnAndTheLastOneAgain() throws Exception {
    os.tokenEndpoint(CREDENTIALS, TOKEN_1, TOKEN_2);

    assertThat(issuedToken()).isEqualTo(TOKEN_1);
    assertThat(issuedToken()).isEqualTo(TOKEN_2);
    assertThat(issuedToken()).isEqualTo(TOKEN_2);
  }

  @Test
  void wrongSecretGetsTheGatewayEnvelope() throws Exception {
    os.tokenEndpoint(CREDENTIALS, TOKEN_1);

    assertInvalidClient(token(basic("stubKey1:wrong"), "grant_type=client_credentials"));
    assertInvalidClient(token(null, "grant_type=client_credentials"));
    // The right credentials without the grant: not a token either.
    assertInvalidClient(token(basic("stubKey1:stubSecret2"), "grant_type=password"));
  }

  @Test
  void credentialsEncodedAsRfc6749OrRawAreBothAccepted() throws Exception {
    ProjectCredentials special = ProjectCredentials.of("key", "se+cr%et");
    os.tokenEndpoint(special, TOKEN_1);

    assertThat(token(basic("key:se%2Bcr%25et"), "grant_type=client_credentials").statusCode()).isEqualTo(200);
    assertThat(token(basic("key:se+cr%et"), "grant_type=client_credentials").statusCode()).isEqualTo(200);
    assertInvalidClient(token(basic("key:se cr%et"), "grant_type=client_credentials"));
  }

  @Test
  void rejectedCredentialsOverrideTheTokenEndpoint() throws Exception {
    os.tokenEndpoint(CREDENTIALS, TOKEN_1).rejectCredentials();

    assertInvalidClient(token(basic("stubKey1:stubSecret2"), "grant_type=client_credentials"));
  }

  @Test
  void expiredTokenGetsTheFaultAndItsChallengeWhereverItGoes() throws Exception {
    server.stubFor(get(urlPathEqualTo("/search/names/v1/find")).willReturn(okJson("{\"results\":[]}")));
    os.expiredToken(TOKEN_1);

    HttpResponse<String> expired = api("/search/names/v1/find?query=Southampton", "Bearer " + TOKEN_1);
    HttpResponse<String> otherApi = api("/maps/raster/v1/zxy/Road_3857/7/63/42.png", "bearer  " + TOKEN_1);
    HttpResponse<String> fresh = api("/search/names/v1/find?query=Southampton", "Bearer " + TOKEN_2);

    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).isEqualTo(EXPIRED);
    assertThat(expired.headers().allValues("Content-Type")).containsExactly("application/json");
    assertThat(expired.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"null\","
        + "error=\"invalid_token\",error_description=\"keymanagement.service.access_token_expired: Access Token expired\"");
    assertThat(otherApi.statusCode()).isEqualTo(401);
    assertThat(otherApi.body()).isEqualTo(EXPIRED);
    assertThat(fresh.statusCode()).isEqualTo(200);
  }

  @Test
  void apiOutsideThePlanGets403UnderItsPathOnly() throws Exception {
    server.stubFor(get(urlPathEqualTo("/search/names/v10")).willReturn(okJson("{}")));
    os.apiNotInPlan("/search/names/v1/");

    HttpResponse<String> denied = api("/search/names/v1/find?query=x", "Bearer " + TOKEN_1);

    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).isEqualTo(NOT_IN_PLAN);
    assertThat(api("/search/names/v1", "Bearer " + TOKEN_1).statusCode()).isEqualTo(403);
    assertThat(api("/search/names/v10", "Bearer " + TOKEN_1).statusCode()).isEqualTo(200);
  }

  @Test
  void rateLimitGets429WithRetryAfterInWholeSeconds() throws Exception {
    os.rateLimited("/search/places/v1", Duration.ofMillis(1500));

    HttpResponse<String> limited = api("/search/places/v1/postcode?postcode=SO160AS", "Bearer " + TOKEN_1);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.body()).isEqualTo(QUOTA);
    assertThat(limited.headers().allValues("Retry-After")).containsExactly("2");
  }

  @Test
  void anExpiredTokenIsAnsweredBeforeTheRateLimitAndThePlan() throws Exception {
    os.rateLimited("/search/names/v1", Duration.ofSeconds(1)).apiNotInPlan("/search/names/v1").expiredToken(TOKEN_1);

    assertThat(api("/search/names/v1/find?query=x", "Bearer " + TOKEN_1).statusCode()).isEqualTo(401);
    assertThat(api("/search/names/v1/find?query=x", "Bearer " + TOKEN_2).statusCode()).isEqualTo(403);
  }

  @Test
  void runtimeInfoAndClientRegisterOnTheSameServer() throws Exception {
    WireMockRuntimeInfo info = new WireMockRuntimeInfo(server);
    OsDataHubStubs viaInfo = OsDataHubStubs.on(info).tokenEndpoint(CREDENTIALS, TOKEN_2);

    assertThat(viaInfo.tokenUri()).isEqualTo(URI.create(info.getHttpBaseUrl() + "/oauth2/token/v1"));
    assertThat(issuedToken()).isEqualTo(TOKEN_2);
    assertThat(viaInfo.tokenScope().permits(viaInfo.uri("/search/names/v1/find"))).isTrue();
    assertThat(viaInfo.tokenScope().permits(viaInfo.tokenUri())).isFalse();
  }

  @Test
  void newTokensLookLikeOsTokens() {
    assertThat(OsDataHubStubs.newToken()).matches("[A-Za-z0-9]{28}").isNotEqualTo(OsDataHubStubs.newToken());
  }

  @Test
  void refusesWhatItCannotStub() {
    assertThatThrownBy(() -> os.tokenEndpoint(CREDENTIALS)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> os.apiNotInPlan("search")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> os.uri("search")).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- helpers

  private String issuedToken() throws Exception {
    HttpResponse<String> answer = token(basic("stubKey1:stubSecret2"), "grant_type=client_credentials");
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
  }

  private static void assertInvalidClient(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().allValues("Content-Type")).containsExactly("application/json");
    assertThat(answer.body()).isEqualTo(INVALID_CLIENT);
  }

  private static String basic(String keyColonSecret) {
    return "Basic " + Base64.getEncoder().encodeToString(keyColonSecret.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> token(String authorization, String form) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(os.tokenUri())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> api(String pathAndQuery, String authorization) throws Exception {
    return http.send(HttpRequest.newBuilder(os.uri(pathAndQuery)).header("Authorization", authorization).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
