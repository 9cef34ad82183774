package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectCredentialsTest {
  @Test
  void basicHeaderIsWhatCurlDashUSends() {
    ProjectCredentials c = ProjectCredentials.of("my-key", "my-secret");
    assertThat(c.key()).isEqualTo("my-key");
    // curl -u my-key:my-secret sends exactly this, in either encoding.
    assertThat(c.basicAuthorization(CredentialEncoding.RFC6749)).isEqualTo("Basic bXkta2V5Om15LXNlY3JldA==");
    assertThat(c.basicAuthorization(CredentialEncoding.RAW)).isEqualTo("Basic bXkta2V5Om15LXNlY3JldA==");
  }

  @Test
  void basicHeaderEncodesUtf8() {
    ProjectCredentials c = ProjectCredentials.of("clé", "sécret");
    assertThat(c.basicAuthorization(CredentialEncoding.RAW)).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("clé:sécret".getBytes(StandardCharsets.UTF_8)));
    assertThat(c.basicAuthorization(CredentialEncoding.RFC6749)).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("cl%C3%A9:s%C3%A9cret".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aColonInTheSecretIsAllowed() {
    ProjectCredentials c = ProjectCredentials.of("key", "se:cret");
    assertThat(c.basicAuthorization(CredentialEncoding.RAW)).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("key:se:cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(c.basicAuthorization(CredentialEncoding.RFC6749)).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("key:se%3Acret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void rejectsBadValuesWithoutQuotingThem() {
    assertThatThrownBy(() -> ProjectCredentials.of(null, "s")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("API key must not be null");
    assertThatThrownBy(() -> ProjectCredentials.of("k", null)).hasMessage("API secret must not be null");
    assertThatThrownBy(() -> ProjectCredentials.of(" ", "s")).hasMessage("API key must not be blank");
    assertThatThrownBy(() -> ProjectCredentials.of("k", "")).hasMessage("API secret must not be blank");
    assertThatThrownBy(() -> ProjectCredentials.of("key", "sec\nret-value"))
        .hasMessage("API secret must not contain control characters");
    assertThatThrownBy(() -> ProjectCredentials.of("k\u0000ey", "s"))
        .hasMessage("API key must not contain control characters");
  }

  @Test
  void toStringShowsAtMostFourCharactersOfTheKeyAndNeverTheSecret() {
    ProjectCredentials c = ProjectCredentials.of("ABCDEFGHIJ", "s3cr3t-DO-NOT-LOG");
    assertThat(c.toString()).isEqualTo("ProjectCredentials[key=ABCD****, secret=****]");
    assertThat(ProjectCredentials.of("abc", "s3cr3t").toString()).isEqualTo("ProjectCredentials[key=****, secret=****]");
    assertThat(ProjectCredentials.of("abcd", "s3cr3t").toString()).doesNotContain("abcd");
  }

  @Test
  void fromEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("OS_PROJECT_API_KEY", " key \n");
    env.put("OS_PROJECT_API_SECRET", "secret");
    ProjectCredentials c = ProjectCredentials.fromEnvironment(env);
    assertThat(c).isEqualTo(ProjectCredentials.of("key", "secret"));
    assertThat(c.hashCode()).isEqualTo(ProjectCredentials.of("key", "secret").hashCode());
    assertThat(c).isNotEqualTo(ProjectCredentials.of("key", "other"));
  }

  @Test
  void fromEnvironmentNamesTheMissingVariable() {
    assertThatThrownBy(() -> ProjectCredentials.fromEnvironment(Map.of("OS_PROJECT_API_SECRET", "s")))
        .isInstanceOf(IllegalStateException.class).hasMessage("OS_PROJECT_API_KEY is not set");
    assertThatThrownBy(() -> ProjectCredentials.fromEnvironment(Map.of("OS_PROJECT_API_KEY", "k",
        "OS_PROJECT_API_SECRET", "  "))).hasMessage("OS_PROJECT_API_SECRET is not set");
    assertThatThrownBy(() -> ProjectCredentials.fromEnvironment(Map.of("OS_PROJECT_API_KEY", "k\u0007x",
        "OS_PROJECT_API_SECRET", "s"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("(from the environment)");
  }
}
