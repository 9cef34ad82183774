package io.github.osdatahub.oauth2.cli;

import static io.github.osdatahub.oauth2.cli.CliRun.envFor;
import static io.github.osdatahub.oauth2.cli.CliRun.envWithSecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import io.github.osdatahub.oauth2.testkit.TokenFault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
  /** What the real service issues and the fake imitates: 28 letters and digits. */
  private static final String TOKEN = "[A-Za-z0-9]{28}";
  /**
   * Anything shaped like a token in other text: 28 letters and digits, at least one a digit (so that a
   * 28-letter word such as CredentialsRejectedException is not taken for one).
   */
  static final String TOKEN_LIKE = "(?<![A-Za-z0-9])(?=[A-Za-z]*[0-9])[A-Za-z0-9]{28}(?![A-Za-z0-9])";
  private static final String WRONG_SECRET = "wrong-secret-7Hq2";

  private FakeOsDataHub hub;

  @BeforeEach
  void start() {
    hub = FakeOsDataHub.start();
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void printsTheTokenAloneOnStdout() {
    CliRun run = CliRun.run(envFor(hub), "token");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).matches(TOKEN + "\\R");
    assertThat(run.err()).isEmpty();
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
    assertThat(hub.tokenRequests().get(0).header("Authorization")).contains(basic(hub.key(), hub.secret()));
  }

  @Test
  void theTokenWorksOnTheApis() throws Exception {
    String token = CliRun.run(envFor(hub), "token").out().strip();

    java.net.http.HttpResponse<String> names = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(hub.namesUri("Ely")).header("Authorization", "Bearer " + token).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(names.statusCode()).isEqualTo(200);
  }

  @Test
  void jsonPrintsTheWholeResponseWithNumbersAsNumbers() {
    CliRun run = CliRun.run(envFor(hub), "token", "--json");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).matches("\\{\"access_token\":\"" + TOKEN
        + "\",\"expires_in\":299,\"issued_at\":\\d{13},\"token_type\":\"Bearer\"}\\R");
    JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
    assertThat(json.get("expires_in").getAsJsonPrimitive().isNumber()).isTrue();
    assertThat(json.get("issued_at").getAsLong()).isCloseTo(System.currentTimeMillis(),
        org.assertj.core.data.Offset.offset(600_000L));
  }

  @Test
  void jsonNormalisesALegacyAnswer() {
    hub.legacyResponses(true); // "BearerToken", numbers as JSON numbers

    CliRun run = CliRun.run(envFor(hub), "token", "--json");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).matches("\\{\"access_token\":\"" + TOKEN
        + "\",\"expires_in\":299,\"issued_at\":\\d{13},\"token_type\":\"Bearer\"}\\R");
  }

  @Test
  void headerPrintsTheAuthorizationHeaderLine() {
    CliRun run = CliRun.run(envFor(hub), "token", "--header");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).matches("Authorization: Bearer " + TOKEN + "\\R");
  }

  @Test
  void jsonAndHeaderTogetherAreAUsageError() {
    CliRun run = CliRun.run(envFor(hub), "token", "--json", "--header");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err()).contains("--json and --header cannot be used together");
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void aWrongSecretExits3WithTheGatewaysCodeAndNeitherSecretNorToken() {
    CliRun run = CliRun.run(envWithSecret(hub, WRONG_SECRET), "token");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("os-oauth2: the token endpoint rejected the project API key or secret")
        .contains("401", "invalid_client").hasLineCount(1);
    assertNoSecrets(run, WRONG_SECRET);
    assertThat(hub.tokenRequestCount()).as("401 is final, never retried").isEqualTo(1);
  }

  @Test
  void noCredentialsExits2() {
    CliRun none = CliRun.run(Map.of(), "token");
    Map<String, String> keyOnly = new HashMap<>(envFor(hub));
    keyOnly.remove(Configuration.SECRET_VARIABLE);
    CliRun noSecret = CliRun.run(keyOnly, "token");

    assertThat(none.exitCode()).as("stderr: %s", none.err()).isEqualTo(2);
    assertThat(none.err()).isEqualTo("os-oauth2: no API key: set OS_PROJECT_API_KEY or use --key KEY"
        + System.lineSeparator());
    assertThat(noSecret.exitCode()).as("stderr: %s", noSecret.err()).isEqualTo(2);
    assertThat(noSecret.err()).contains("no API secret: set OS_PROJECT_API_SECRET or use --secret-file FILE");
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void aServerFailingThreeTimesExits4AfterTheRetries() {
    hub.failNextTokenRequests(3, TokenFault.status(503,
        "{\"fault\":{\"faultstring\":\"The Service is temporarily unavailable\",\"detail\":{\"errorcode\":"
            + "\"messaging.adaptors.http.flow.ServiceUnavailable\"}}}"));

    CliRun run = CliRun.run(envFor(hub), "token");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(4);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("os-oauth2: could not get an access token").contains("503").hasLineCount(1);
    assertNoSecrets(run, hub.secret());
    assertThat(hub.tokenRequestCount()).as("the SDK's three attempts").isEqualTo(3);
  }

  @Test
  void aServerThatRecoversWithinTheRetriesStillGivesAToken() {
    hub.failNextTokenRequests(2, TokenFault.status(503));

    CliRun run = CliRun.run(envFor(hub), "token");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).matches(TOKEN + "\\R");
    assertThat(hub.tokenRequestCount()).isEqualTo(3);
  }

  @Test
  void keyFlagAndSecretFileOverrideTheEnvironment(@TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve("secret");
    Files.writeString(secretFile, "  " + hub.secret() + "  \nsecond line ignored\n");
    Map<String, String> env = Map.of(Configuration.KEY_VARIABLE, "not-the-key",
        Configuration.SECRET_VARIABLE, WRONG_SECRET, Configuration.TOKEN_URL_VARIABLE, hub.tokenUri().toString());

    CliRun run = CliRun.run(env, "token", "--key", hub.key(), "--secret-file", secretFile.toString());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).matches(TOKEN + "\\R");
    assertThat(hub.tokenRequests().get(0).header("Authorization")).contains(basic(hub.key(), hub.secret()));
  }

  @Test
  void anUnreadableOrEmptySecretFileExits2(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    Map<String, String> env = Map.of(Configuration.KEY_VARIABLE, hub.key(),
        Configuration.TOKEN_URL_VARIABLE, hub.tokenUri().toString());

    CliRun missing = CliRun.run(env, "token", "--secret-file", dir.resolve("absent").toString());
    CliRun blank = CliRun.run(env, "token", "--secret-file", empty.toString());

    assertThat(missing.exitCode()).as("stderr: %s", missing.err()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read the secret file", "absent", "NoSuchFileException");
    assertThat(blank.exitCode()).as("stderr: %s", blank.err()).isEqualTo(2);
    assertThat(blank.err()).contains("has no secret on its first line");
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void aPlainHttpTokenUrlToAnotherHostExits2WithCoresReason() {
    Map<String, String> env = new HashMap<>(envFor(hub));
    env.put(Configuration.TOKEN_URL_VARIABLE, "http://example.com/oauth2/token/v1");

    CliRun run = CliRun.run(env, "token");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith("os-oauth2: OS_OAUTH2_TOKEN_URL: ").contains("https", "loopback")
        .hasLineCount(1);
  }

  @Test
  void aMalformedTokenUrlExits2() {
    Map<String, String> env = new HashMap<>(envFor(hub));
    env.put(Configuration.TOKEN_URL_VARIABLE, "http://[not a url");

    CliRun run = CliRun.run(env, "token");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err()).contains("OS_OAUTH2_TOKEN_URL is not a valid URL");
  }

  @Test
  void aKeyWithAColonIsSentAsPercent3AByDefault() {
    CliRun run = CliRun.run(envFor(hub), "token", "--key", "a:b");

    assertThat(run.exitCode()).as("the fake knows no such key; stderr: %s", run.err()).isEqualTo(3);
    assertThat(hub.tokenRequests().get(0).header("Authorization")).contains(basic("a%3Ab", hub.secret()));
  }

  @Test
  void rawEncodingRefusesAKeyWithAColonNamingTheSetting() {
    Map<String, String> env = new HashMap<>(envFor(hub));
    CliRun option = CliRun.run(env, "token", "--key", "a:b", "--credential-encoding", "raw");
    env.put(Configuration.CREDENTIAL_ENCODING_VARIABLE, "RAW");
    CliRun variable = CliRun.run(env, "token", "--key", "a:b");

    assertThat(option.exitCode()).as("stderr: %s", option.err()).isEqualTo(2);
    assertThat(option.err()).contains("API key must not contain ':'", "RAW", "(--credential-encoding)")
        .doesNotContain("a:b").hasLineCount(1);
    assertThat(variable.exitCode()).as("stderr: %s", variable.err()).isEqualTo(2);
    assertThat(variable.err()).contains("(OS_OAUTH2_CREDENTIAL_ENCODING)").hasLineCount(1);
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void theCredentialEncodingIsChosenByOptionOrVariable() {
    // The fake compares what it is sent without decoding it, as a gateway that does not decode would.
    try (FakeOsDataHub plain = FakeOsDataHub.builder().credentials("plain-key", "s3cr:t+%/ü").start()) {
      Map<String, String> env = new HashMap<>(envFor(plain));
      CliRun byDefault = CliRun.run(env, "token");
      CliRun rawOption = CliRun.run(env, "token", "--credential-encoding", "raw");
      env.put(Configuration.CREDENTIAL_ENCODING_VARIABLE, "raw");
      CliRun rawVariable = CliRun.run(env, "token");
      CliRun optionWins = CliRun.run(env, "token", "--credential-encoding=rfc6749");

      assertThat(byDefault.exitCode()).as("stderr: %s", byDefault.err()).isEqualTo(3);
      assertThat(rawOption.exitCode()).as("stderr: %s", rawOption.err()).isZero();
      assertThat(rawVariable.exitCode()).as("stderr: %s", rawVariable.err()).isZero();
      assertThat(optionWins.exitCode()).as("stderr: %s", optionWins.err()).isEqualTo(3);
      assertThat(plain.tokenRequests()).extracting(r -> r.header("Authorization").orElseThrow()).containsExactly(
          basic("plain-key", "s3cr%3At%2B%25%2F%C3%BC"), basic("plain-key", "s3cr:t+%/ü"),
          basic("plain-key", "s3cr:t+%/ü"), basic("plain-key", "s3cr%3At%2B%25%2F%C3%BC"));
    }
  }

  @Test
  void anUnknownCredentialEncodingIsAUsageError() {
    Map<String, String> env = new HashMap<>(envFor(hub));
    CliRun option = CliRun.run(env, "token", "--credential-encoding", "base64");
    env.put(Configuration.CREDENTIAL_ENCODING_VARIABLE, "plain");
    CliRun variable = CliRun.run(env, "token");

    assertThat(option.exitCode()).isEqualTo(2);
    assertThat(option.err()).isEqualTo("os-oauth2: --credential-encoding must be rfc6749 or raw"
        + System.lineSeparator());
    assertThat(variable.exitCode()).isEqualTo(2);
    assertThat(variable.err()).contains("OS_OAUTH2_CREDENTIAL_ENCODING must be rfc6749 or raw");
    assertThat(hub.tokenRequestCount()).isZero();
  }

  @Test
  void aSecretFileReadableByOthersGivesOneWarningAndStillWorks(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path open = Files.writeString(dir.resolve("open-secret"), hub.secret() + "\n");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r-----"));
    Path closed = Files.writeString(dir.resolve("closed-secret"), hub.secret() + "\n");
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));

    CliRun warned = CliRun.run(envFor(hub), "token", "--secret-file", open.toString());
    CliRun quiet = CliRun.run(envFor(hub), "token", "--secret-file", closed.toString());

    assertThat(warned.exitCode()).as("stderr: %s", warned.err()).isZero();
    assertThat(warned.out()).matches(TOKEN + "\\R");
    assertThat(warned.err()).isEqualTo("os-oauth2: warning: the secret file " + open + " can be read by group or "
        + "others (rw-r-----); make it private: chmod 600 " + open + System.lineSeparator());
    assertThat(warned.err()).doesNotContain(hub.secret());
    assertThat(quiet.exitCode()).as("stderr: %s", quiet.err()).isZero();
    assertThat(quiet.err()).isEmpty();
  }

  @Test
  void operandsAreAUsageError() {
    CliRun run = CliRun.run(envFor(hub), "token", "extra");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err()).contains("token takes no arguments");
  }

  static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** Neither output holds the secret, its Basic form or anything shaped like a token. */
  private void assertNoSecrets(CliRun run, String secret) {
    for (String stream : new String[] {run.out(), run.err()}) {
      assertThat(stream).doesNotContain(secret)
          .doesNotContain(basic(hub.key(), secret).substring("Basic ".length()))
          .doesNotContainPattern(TOKEN_LIKE);
    }
  }
}
