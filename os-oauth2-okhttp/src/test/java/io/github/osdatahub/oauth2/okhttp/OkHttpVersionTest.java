package io.github.osdatahub.oauth2.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttp;
import org.junit.jupiter.api.Test;

/** Proves which OkHttp each surefire execution really ran: the build runs this suite on 5.x and on 4.12. */
class OkHttpVersionTest {
  @Test
  void runsOnTheOkHttpVersionThisExecutionExpects() {
    String expected = System.getProperty("expected.okhttp.version");
    // Read at run time: 4.12 compiles VERSION as a constant, 5.x does not; we compile against 5.x.
    String running = OkHttp.VERSION;
    System.out.println("OkHttp " + running + " (expected " + expected + ")");
    assertThat(expected).as("system property expected.okhttp.version").isNotBlank();
    assertThat(running).isEqualTo(expected);
  }
}
