package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void walksThroughEveryStepWithoutCredentials() {
    CliRun run = CliRun.run(Map.of(), "demo");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out())
        .contains("1. Token fetched")
        .containsPattern("provider\\.token\\(\\) fetched token [0-9a-f]{8}")
        .contains("token requests so far: 1" + System.lineSeparator())
        .contains("2. Reused from the cache")
        .containsPattern("100,000 more calls to provider\\.token\\(\\) returned token [0-9a-f]{8}")
        .contains("token requests so far: 1 (still one)")
        .contains("3. Renewed ahead of expiry, without blocking")
        .contains("started one background refresh")
        // At least the call that started the refresh: a count of 0 would mean no call saw it in flight.
        .containsPattern("(?<![0-9])[1-9][0-9]* calls while the refresh was in flight all got token "
            + "[0-9a-f]{8} at once")
        .containsPattern("the new token [0-9a-f]{8} had arrived")
        .contains("token requests so far: 2" + System.lineSeparator())
        .contains("4. An expired token rejected by an API, recovered with one refresh")
        .contains("hub.expireAllTokens()")
        .containsPattern("the API answered 401 to token [0-9a-f]{8}; the client dropped it, got token [0-9a-f]{8}"
            + " and retried once")
        .contains("-> HTTP 200")
        .contains("token requests so far: 3 (one more); API requests: 2")
        .contains("5. A wrong secret reported clearly")
        .contains("CredentialsRejectedException: HTTP 401, error code invalid_client")
        .contains("the secret is not in the message")
        .contains("token requests so far: 4")
        .contains("6. Summary, as counted by the fake")
        .contains("token requests: 4")
        .contains("API requests:   2")
        .contains("Done: every step went as described.")
        .doesNotContain("not-the-right-secret")
        .doesNotContainPattern(TokenCommandTest.TOKEN_LIKE);
  }

  @Test
  void takesNoArguments() {
    CliRun run = CliRun.run(Map.of(), "demo", "now");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err()).contains("demo takes no arguments");
  }
}
