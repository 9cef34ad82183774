package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class FakeServerCommandTest {
  @Test
  void printsWhatIsNeededToUseItAndServesUntilStopped() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    // On a thread of its own: the server blocks until stopped, and parked on the common pool it would
    // starve the JDK HttpClient, whose sendAsync completes there on JDK 25 (see the jdk README).
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread server = new Thread(() -> exit.complete(Main.run(new String[] {"fake-server"},
        new Context(Map.of(), o, e), List.of(new FakeServerCommand(stop::await)))), "fake-server-command");
    server.setDaemon(true);
    server.start();

    String printed = awaitOutput(out, "get '");
    String tokenUrl = field(printed, "token URL");
    String key = field(printed, "API key");
    String secret = field(printed, "API secret");
    assertThat(printed).contains("base URL", "Names API", "Ctrl-C")
        .contains("curl -u '" + key + ":" + secret + "' -d grant_type=client_credentials " + tokenUrl)
        .contains("export OS_PROJECT_API_KEY='" + key + "' OS_PROJECT_API_SECRET='" + secret
            + "' OS_OAUTH2_TOKEN_URL='" + tokenUrl + "'");

    CliRun token = CliRun.run(Map.of(Configuration.KEY_VARIABLE, key, Configuration.SECRET_VARIABLE, secret,
        Configuration.TOKEN_URL_VARIABLE, tokenUrl), "token");
    assertThat(token.exitCode()).as("stderr: %s", token.err()).isZero();
    assertThat(token.out()).matches("[A-Za-z0-9]{28}\\R");

    stop.countDown();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("Stopped." + System.lineSeparator());
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    Assertions.assertThatThrownBy(() -> HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding()))
        .as("the port is closed once stopped").isInstanceOf(IOException.class);
  }

  @Test
  void aBadPortIsAUsageError() {
    CliRun words = CliRun.run(Map.of(), "fake-server", "--port", "eighty");
    CliRun range = CliRun.run(Map.of(), "fake-server", "-p", "70000");

    assertThat(words.exitCode()).as("stderr: %s", words.err()).isEqualTo(2);
    assertThat(words.err()).contains("--port needs a number from 0 to 65535");
    assertThat(range.exitCode()).as("stderr: %s", range.err()).isEqualTo(2);
  }

  private static String awaitOutput(ByteArrayOutputStream out, String marker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() - deadline < 0) {
      String s = out.toString(StandardCharsets.UTF_8);
      if (s.contains(marker)) {
        return s;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the fake server printed no '" + marker + "' within 20 s: " + out);
  }

  private static String field(String printed, String label) {
    Matcher m = Pattern.compile("^  " + Pattern.quote(label) + " +(\\S+)$", Pattern.MULTILINE).matcher(printed);
    assertThat(m.find()).as(label + " printed").isTrue();
    return m.group(1);
  }
}
