package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code os-oauth2 fake-server}: runs {@link FakeOsDataHub} in the foreground until Ctrl-C, and
 * prints what is needed to try it with curl or with this command.
 */
final class FakeServerCommand implements Command {
  static final Option PORT = Option.valued("--port", "-p", "N", "listen on port N (default: any free port)");

  /** When the server should stop. */
  interface StopSignal {
    /** Blocks until the server should stop. */
    void await() throws InterruptedException;

    /** Called once the server has stopped. */
    default void stopped() {}
  }

  /**
   * Until the JVM is asked to stop (Ctrl-C, SIGTERM). The shutdown hook waits a moment for the
   * server to close and say so, since the JVM halts as soon as its hooks end.
   */
  static final class UntilShutdown implements StopSignal {
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public void await() throws InterruptedException {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stopping.countDown();
        try {
          stopped.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "os-oauth2-fake-server-stop"));
      stopping.await();
    }

    @Override
    public void stopped() {
      stopped.countDown();
    }
  }

  private final StopSignal stop;

  FakeServerCommand() {
    this(new UntilShutdown());
  }

  FakeServerCommand(StopSignal stop) {
    this.stop = Objects.requireNonNull(stop);
  }

  @Override
  public String name() {
    return "fake-server";
  }

  @Override
  public String summary() {
    return "run a local fake of the OS Data Hub until Ctrl-C";
  }

  @Override
  public String usage() {
    return "fake-server [--port N]";
  }

  @Override
  public String description() {
    return "Runs FakeOsDataHub, the testkit's fake of the OS Data Hub token endpoint and APIs, on\n"
        + "127.0.0.1 until Ctrl-C, and prints its URLs and its made-up key and secret, with a curl line and\n"
        + "the settings to use it with 'os-oauth2 token' and 'os-oauth2 get'.";
  }

  @Override
  public List<Option> options() {
    return List.of(PORT);
  }

  @Override
  public boolean readsCredentials() {
    return false;
  }

  @Override
  public List<ExitCode> exitCodes() {
    return List.of(ExitCode.OK, ExitCode.USAGE, ExitCode.OUTPUT_FAILED);
  }

  @Override
  public ExitCode run(Arguments arguments, Context context) {
    if (!arguments.operands().isEmpty()) {
      throw CommandFailedException.usage("fake-server takes no arguments");
    }
    int port = arguments.value(PORT).map(FakeServerCommand::port).orElse(0);
    FakeOsDataHub hub;
    try {
      hub = FakeOsDataHub.builder().port(port).start();
    } catch (RuntimeException e) {
      throw CommandFailedException.usage("cannot start the fake on port " + port + ": " + e.getMessage());
    }
    try (hub) {
      describe(hub, context.out());
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    context.out().println("Stopped.");
    context.out().flush();
    stop.stopped();
    return ExitCode.OK;
  }

  private static void describe(FakeOsDataHub hub, PrintStream out) {
    String tokenUrl = hub.tokenUri().toString();
    String names = hub.namesUri("Southampton").toString();
    String self = invocation();
    out.println("FakeOsDataHub is running (a fake: its key and secret are made up). Ctrl-C stops it.");
    out.println();
    out.println("  base URL    " + hub.baseUri());
    out.println("  token URL   " + tokenUrl);
    out.println("  API key     " + hub.key());
    out.println("  API secret  " + hub.secret());
    out.println("  Names API   " + names);
    out.println();
    out.println("Get a token with curl:");
    out.println("  curl -u '" + hub.key() + ":" + hub.secret() + "' -d grant_type=client_credentials " + tokenUrl);
    out.println();
    out.println("Or with os-oauth2, in another shell:");
    out.println("  export " + Configuration.KEY_VARIABLE + "='" + hub.key() + "' " + Configuration.SECRET_VARIABLE
        + "='" + hub.secret() + "' " + Configuration.TOKEN_URL_VARIABLE + "='" + tokenUrl + "'");
    out.println("  " + self + " token");
    out.println("  " + self + " get '" + names + "'");
    out.flush();
  }

  /**
   * How to run this command again: {@code java -jar <this jar>} when run from the self-contained
   * jar (the one that holds the fake too), else the command's name.
   */
  private static String invocation() {
    try {
      URL self = FakeServerCommand.class.getProtectionDomain().getCodeSource().getLocation();
      URL fake = FakeOsDataHub.class.getProtectionDomain().getCodeSource().getLocation();
      Path location = Path.of(self.toURI());
      if (self.equals(fake) && location.toString().endsWith(".jar")) {
        return "java -jar " + location;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // No code source (or not a file): fall back to the command's name.
    }
    return "os-oauth2";
  }

  static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw CommandFailedException.usage("--port needs a number from 0 to 65535");
  }
}
