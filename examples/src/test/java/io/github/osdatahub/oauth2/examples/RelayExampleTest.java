package io.github.osdatahub.oauth2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs {@link RelayExample} as a reader would (against the embedded fake) and checks what it prints. */
class RelayExampleTest {
  @Test
  void theRelayAnswersWithAnUncacheableTokenThatHasItsRemainingLifetime() throws Exception {
    assertThat(System.getenv("OS_PROJECT_API_KEY")).as("this test runs the example against the fake").isNull();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      RelayExample.main(new String[0]);
    } finally {
      System.setOut(out);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("Relay http://127\\.0\\.0\\.1:\\d+/os-token: 200, no-store, expires_in 29\\d s");
  }
}
