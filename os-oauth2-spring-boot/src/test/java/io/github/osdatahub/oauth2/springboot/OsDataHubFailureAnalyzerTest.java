package io.github.osdatahub.oauth2.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Starting without credentials fails with an analysis that names what is missing and prints no secret. */
class OsDataHubFailureAnalyzerTest {
  private static final String SECRET = "s3cr3t-never-printed";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(OsDataHubAutoConfiguration.class));

  @Test
  void noCredentialsAtAllNamesBothPropertiesAndTheVariables() {
    runner.run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis = new OsDataHubFailureAnalyzer().analyze(context.getStartupFailure());

      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("os.datahub.key and os.datahub.secret are not set");
      assertThat(analysis.getAction()).contains("os.datahub.key", "os.datahub.secret", "OS_PROJECT_API_KEY",
          "OS_PROJECT_API_SECRET");
    });
  }

  @Test
  void aSecretWithoutAKeyNamesTheKeyAndNeverPrintsTheSecret() {
    runner.withPropertyValues("os.datahub.secret=" + SECRET).run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis = new OsDataHubFailureAnalyzer().analyze(context.getStartupFailure());

      assertThat(analysis.getDescription()).contains("os.datahub.key is not set")
          .doesNotContain("os.datahub.secret is");
      assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(SECRET);
      for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
      }
    });
  }

  @Test
  void bootFindsTheAnalyzerThroughSpringFactories() throws Exception {
    Properties factories = new Properties();
    try (InputStream in = OsDataHubFailureAnalyzer.class.getResourceAsStream("/META-INF/spring.factories")) {
      factories.load(in);
    }
    assertThat(factories.getProperty(FailureAnalyzer.class.getName())).isEqualTo(OsDataHubFailureAnalyzer.class.getName());
    assertThat(FailureAnalyzer.class).isAssignableFrom(OsDataHubFailureAnalyzer.class);
  }
}
