package io.github.osdatahub.oauth2.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/** Which Boot ran: the suite runs on Boot 4.0 and on Boot 4.1 (see the pom). */
class SpringBootVersionTest {
  @Test
  void theExpectedBootRan() {
    assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("expected.spring-boot.version"));
    assertThat(SpringVersion.getVersion()).startsWith("7.");
  }
}
