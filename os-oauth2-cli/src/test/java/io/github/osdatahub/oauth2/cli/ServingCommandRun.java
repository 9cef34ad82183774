package io.github.osdatahub.oauth2.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command that serves until stopped, run in-process on a thread of its own (parked on the common
 * pool it would starve the JDK HttpClient, whose sendAsync completes there on JDK 25), with what it
 * prints and a way to stop it.
 */
final class ServingCommandRun implements AutoCloseable {
  private final CountDownLatch stop = new CountDownLatch(1);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  /** Starts the command made by {@code command} from this run's stop signal. */
  ServingCommandRun(Map<String, String> env, Function<FakeServerCommand.StopSignal, Command> command, String... args) {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    Command c = command.apply(stop::await);
    Thread thread = new Thread(() -> exit.complete(Main.run(args, new Context(env, o, e), List.of(c))),
        "serving-command");
    thread.setDaemon(true);
    thread.start();
  }

  /** What it printed, once it printed the marker (or ended). */
  String awaitOutput(String marker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() - deadline < 0) {
      String s = out();
      if (s.contains(marker) || exit.isDone()) {
        return s;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no '" + marker + "' within 20 s: " + out() + " / " + err());
  }

  /** The URL printed after a label at the start of a line, e.g. {@code "  Leaflet      http://..."}. */
  String printedUrl(String label) {
    Matcher m = Pattern.compile("^  " + Pattern.quote(label) + " +(http\\S+)", Pattern.MULTILINE).matcher(out());
    if (!m.find()) {
      throw new AssertionError("no " + label + " URL printed: " + out());
    }
    return m.group(1);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Stops it and returns its exit code. */
  int stop() throws Exception {
    stop.countDown();
    return exit.get(10, TimeUnit.SECONDS);
  }

  /** The exit code of a run that ended by itself (a failure before serving). */
  int exitCode() throws Exception {
    return exit.get(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    stop.countDown();
  }
}
