package io.github.osdatahub.oauth2.testkit.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.osdatahub.oauth2.CredentialEncoding;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.testkit.internal.GatewayJson;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Stubs that make a WireMock server you already run answer as the OS Data Hub does: the token
 * endpoint (a token in OS's exact shape, the gateway's 401 for other credentials), and an API's
 * expired-token 401, 403 (API not in the plan) and 429 with {@code Retry-After}. The bodies are the
 * ones {@code FakeOsDataHub} sends, byte for byte (testkit README, "How faithful it is"). Your own
 * stubs answer the API calls that succeed.
 *
 * <pre>{@code
 * @WireMockTest
 * class NamesClientTest {
 *   static final ProjectCredentials CREDENTIALS = ProjectCredentials.of("key", "secret");
 *
 *   @Test
 *   void refreshesOnceAfterAnExpiredToken(WireMockRuntimeInfo wm) {
 *     OsDataHubStubs os = OsDataHubStubs.on(wm)
 *         .tokenEndpoint(CREDENTIALS, "expiredToken0000000000000000", "freshToken000000000000000000")
 *         .expiredToken("expiredToken0000000000000000");
 *     stubFor(get(urlPathEqualTo("/search/names/v1/find")).willReturn(okJson("{\"results\":[]}")));
 *     TokenProvider tokens = OsOAuth2.builder(CREDENTIALS).endpoint(os.tokenUri()).build();
 *     // ... your client, given tokens and os.tokenScope(), calls os.uri("/search/names/v1/find?query=x")
 *   }
 * }
 * }</pre>
 *
 * <p>Stubs take priorities so that they win over yours where the gateway would answer first: an
 * expired token (priority 1), then an API outside the plan (2), then the rate limit (3); your stubs
 * keep WireMock's default (5). Only the token path is claimed whole (priorities 1, 2 and 10).
 *
 * <p>WireMock is an optional dependency of the testkit: add {@code org.wiremock:wiremock-standalone}
 * (3.x) to your tests, or {@code org.wiremock:wiremock}. On the module path, the testkit must be given
 * read access to it: {@code --add-reads io.github.osdatahub.oauth2.testkit=ALL-UNNAMED} with WireMock
 * on the class path (the testkit's README says why its descriptor does not name WireMock).
 */
// "exports": the factories take the user's own WireMock objects, from a module the testkit requires
// only statically (it is optional), so it cannot pass it on with "requires transitive".
@SuppressWarnings("exports")
public final class OsDataHubStubs {
  /** The token endpoint's path, as on {@code api.os.uk}. */
  public static final String TOKEN_PATH = "/oauth2/token/v1";
  /** What OS's tokens live, and what the token answer reports. */
  public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(299);

  private static final String SCENARIO = "os-oauth2 token endpoint";
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Consumer<MappingBuilder> registry;
  private final URI baseUri;

  private OsDataHubStubs(Consumer<MappingBuilder> registry, URI baseUri) {
    this.registry = registry;
    this.baseUri = baseUri;
  }

  /**
   * Stubs on a {@link WireMockServer} you started.
   *
   * @param server the running server
   * @return stubs that register on it
   */
  public static OsDataHubStubs on(WireMockServer server) {
    Objects.requireNonNull(server, "server");
    return new OsDataHubStubs(server::stubFor, URI.create(server.baseUrl()));
  }

  /**
   * Stubs on the server of WireMock's JUnit 5 extension ({@code @WireMockTest} or
   * {@code WireMockExtension}), over plain HTTP.
   *
   * @param info what the extension injects, or {@code WireMockExtension.getRuntimeInfo()}
   * @return stubs that register through {@code info.getWireMock()}
   */
  public static OsDataHubStubs on(WireMockRuntimeInfo info) {
    Objects.requireNonNull(info, "info");
    return on(info.getWireMock(), URI.create(info.getHttpBaseUrl()));
  }

  /**
   * Stubs through a {@link WireMock} client, such as one for a remote WireMock.
   *
   * @param client the client
   * @param baseUri where that server is reached, e.g. {@code http://localhost:8080}
   * @return stubs that register through the client
   */
  public static OsDataHubStubs on(WireMock client, URI baseUri) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(baseUri, "baseUri");
    return new OsDataHubStubs(client::register, baseUri);
  }

  // ---- where it is

  /** {@return the server's base URI, e.g. {@code http://localhost:54321}} */
  public URI baseUri() {
    return baseUri;
  }

  /** {@return the token endpoint on this server: give it to {@code OsOAuth2.builder(...).endpoint(...)}} */
  public URI tokenUri() {
    return uri(TOKEN_PATH);
  }

  /**
   * A URI on this server.
   *
   * @param pathAndQuery starting with {@code /}, e.g. {@code /search/names/v1/find?query=Southampton}
   * @return the URI
   */
  public URI uri(String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("a path starts with '/': " + pathAndQuery);
    }
    String base = baseUri.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
  }

  /** {@return a scope that lets the SDK send tokens to this server's APIs (never to its token endpoint)} */
  public TokenScope tokenScope() {
    return TokenScope.of(baseUri.getHost());
  }

  // ---- the token endpoint

  /**
   * Makes the token endpoint issue the given tokens, one per request and in turn, for these
   * credentials (in the Basic header, encoded either way {@link CredentialEncoding} allows), and the
   * last one again after that. Each answer is OS's exact shape: {@code 200},
   * {@code {"access_token":"...","expires_in":"299","issued_at":"<epoch ms>","token_type":"Bearer"}}.
   * Any other request to the token path gets the gateway's {@code 401}
   * {@code {"ErrorCode":"invalid_client","Error":"Client credentials are invalid"}}.
   *
   * @param credentials the key and secret the endpoint accepts
   * @param tokens the tokens to issue, at least one; {@link #newToken()} makes OS-like ones
   * @return these stubs
   */
  public OsDataHubStubs tokenEndpoint(ProjectCredentials credentials, String... tokens) {
    Objects.requireNonNull(credentials, "credentials");
    if (tokens.length == 0) {
      throw new IllegalArgumentException("give at least one token to issue");
    }
    StringValuePattern basic = basicHeader(credentials);
    long issuedAt = System.currentTimeMillis();
    for (int i = 0; i < tokens.length; i++) {
      MappingBuilder success = post(urlPathEqualTo(TOKEN_PATH)).atPriority(2)
          .withHeader("Authorization", basic)
          .withHeader("Content-Type", matching("(?i)application/x-www-form-urlencoded\\s*(;.*)?"))
          .withFormParam("grant_type", equalTo("client_credentials"))
          .willReturn(json(200, GatewayJson.tokenAnswer(Objects.requireNonNull(tokens[i], "token"),
              TOKEN_LIFETIME.toSeconds(), issuedAt, false)));
      if (tokens.length > 1) {
        success = success.inScenario(SCENARIO).whenScenarioStateIs(state(i))
            .willSetStateTo(state(Math.min(i + 1, tokens.length - 1)));
      }
      registry.accept(success);
    }
    registry.accept(post(urlPathEqualTo(TOKEN_PATH)).atPriority(10).willReturn(json(401, GatewayJson.invalidClient())));
    return this;
  }

  /**
   * Makes every token request get the gateway's {@code 401} {@code invalid_client}, whatever
   * {@link #tokenEndpoint} installed: the key or secret has been revoked.
   *
   * @return these stubs
   */
  public OsDataHubStubs rejectCredentials() {
    registry.accept(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).willReturn(json(401, GatewayJson.invalidClient())));
    return this;
  }

  // ---- the APIs

  /**
   * Makes every API request bearing this token get OS's expired-token {@code 401}:
   * {@code {"fault":{"faultstring":"Access Token expired","detail":{"errorcode":"keymanagement.service.access_token_expired"}}}},
   * with {@code WWW-Authenticate: Bearer realm="null",error="invalid_token",...}.
   *
   * @param token the token that has expired
   * @return these stubs
   */
  public OsDataHubStubs expiredToken(String token) {
    registry.accept(any(anyUrl()).atPriority(1)
        .withHeader("Authorization", matching("(?i)bearer\\s+" + Pattern.quote(token) + "\\s*"))
        .willReturn(json(401, GatewayJson.tokenFault(true))
            .withHeader("WWW-Authenticate", GatewayJson.tokenChallenge(true))));
    return this;
  }

  /**
   * Makes every request under an API's path get the {@code 403} of an API outside the project's plan:
   * {@code {"fault":{"faultstring":"Invalid API call as no apiproduct match found",...}}}. The SDK
   * never refreshes a token for it.
   *
   * @param apiPath e.g. {@code /maps/vector/v1}; the path itself and everything under it
   * @return these stubs
   */
  public OsDataHubStubs apiNotInPlan(String apiPath) {
    registry.accept(any(underPath(apiPath)).atPriority(2).willReturn(json(403, GatewayJson.apiNotInPlan())));
    return this;
  }

  /**
   * Makes every request under an API's path get the rate limit's {@code 429}, with
   * {@code Retry-After} in whole seconds: {@code {"fault":{"faultstring":"Rate limit quota violation. ..."}}}.
   *
   * @param apiPath e.g. {@code /search/names/v1}; the path itself and everything under it
   * @param retryAfter the wait to announce; rounded up to whole seconds, at least one
   * @return these stubs
   */
  public OsDataHubStubs rateLimited(String apiPath, Duration retryAfter) {
    long seconds = Math.max(1, (Objects.requireNonNull(retryAfter, "retryAfter").toMillis() + 999) / 1000);
    registry.accept(any(underPath(apiPath)).atPriority(3)
        .willReturn(json(429, GatewayJson.quotaViolation()).withHeader("Retry-After", Long.toString(seconds))));
    return this;
  }

  /** {@return a new token as OS's look: 28 letters and digits} */
  public static String newToken() {
    StringBuilder token = new StringBuilder(28);
    for (int i = 0; i < 28; i++) {
      token.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return token.toString();
  }

  // ---- helpers

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String state(int index) {
    return index == 0 ? Scenario.STARTED : "token " + (index + 1);
  }

  /** The Basic header core sends, in either encoding (the same bytes for OS's letters-and-digits). */
  private static StringValuePattern basicHeader(ProjectCredentials credentials) {
    URI endpoint = URI.create("https://api.os.uk" + TOKEN_PATH);
    String rfc = TokenRequest.create(credentials, endpoint, CredentialEncoding.RFC6749).headers().get("Authorization");
    if (credentials.key().indexOf(':') >= 0) {
      return equalTo(rfc); // RAW cannot carry such a key
    }
    String raw = TokenRequest.create(credentials, endpoint, CredentialEncoding.RAW).headers().get("Authorization");
    return raw.equals(rfc) ? equalTo(rfc) : equalTo(rfc).or(equalTo(raw));
  }

  private static com.github.tomakehurst.wiremock.matching.UrlPattern underPath(String apiPath) {
    if (!apiPath.startsWith("/") || apiPath.length() < 2) {
      throw new IllegalArgumentException("an API path starts with '/', e.g. /search/names/v1: " + apiPath);
    }
    String path = apiPath.endsWith("/") ? apiPath.substring(0, apiPath.length() - 1) : apiPath;
    return urlPathMatching(Pattern.quote(path) + "(/.*)?");
  }
}
