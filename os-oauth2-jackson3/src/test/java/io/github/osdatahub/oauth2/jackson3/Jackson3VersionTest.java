package io.github.osdatahub.oauth2.jackson3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.cfg.PackageVersion;

/** Which Jackson 3 ran: the suite runs on this project's version and on Spring Boot 4.0's. */
class Jackson3VersionTest {
  @Test
  void theExpectedJacksonRan() {
    String expected = System.getProperty("expected.jackson3.version");
    assertEquals(expected, PackageVersion.VERSION.toString());
  }
}
