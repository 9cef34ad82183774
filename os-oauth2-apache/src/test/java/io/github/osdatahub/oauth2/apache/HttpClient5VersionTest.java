package io.github.osdatahub.oauth2.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.util.VersionInfo;
import org.junit.jupiter.api.Test;

/**
 * Proves which httpclient5 the other tests ran on. The build runs the whole suite twice, on the
 * newest and on the oldest supported httpclient5, and says which one it expects in a system property.
 */
class HttpClient5VersionTest {
  @Test
  void theExpectedHttpClient5IsOnTheClassPath() {
    String expected = System.getProperty("osoauth2.expected.httpclient5.version");
    assumeTrue(expected != null, "run by Maven, which names the expected httpclient5 version");

    VersionInfo info = VersionInfo.loadVersionInfo("org.apache.hc.client5", CloseableHttpClient.class.getClassLoader());
    String jar = CloseableHttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath();

    assertThat(info).isNotNull();
    assertThat(info.getRelease()).isEqualTo(expected);
    assertThat(jar).as("the jar CloseableHttpClient came from").contains("httpclient5");
  }
}
