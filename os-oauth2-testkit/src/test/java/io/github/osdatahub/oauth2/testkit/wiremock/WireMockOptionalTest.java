package io.github.osdatahub.oauth2.testkit.wiremock;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * WireMock is optional: only the classes that need it refer to it, so a user without it never loads
 * a class that does. Reads the testkit's compiled classes for a reference to WireMock's packages.
 */
class WireMockOptionalTest {
  private static final List<String> WIREMOCK_USERS = List.of(
      "io/github/osdatahub/oauth2/testkit/wiremock/OsDataHubStubs.class",
      "io/github/osdatahub/oauth2/testkit/contract/WireMockFaultContract.class");

  @Test
  void onlyTheWireMockHelpersReferToWireMock() throws Exception {
    Path classes = Path.of(FakeOsDataHub.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> referring;
    try (Stream<Path> files = Files.walk(classes)) {
      referring = files.filter(f -> f.toString().endsWith(".class"))
          .filter(WireMockOptionalTest::refersToWireMock)
          .map(f -> classes.relativize(f).toString().replace('\\', '/'))
          .sorted().collect(Collectors.toList());
    }

    // The scanner finds the two that must refer to it (so it can fail), and nothing else.
    assertThat(referring).containsExactlyInAnyOrderElementsOf(WIREMOCK_USERS);
  }

  private static boolean refersToWireMock(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("com/github/tomakehurst/");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
