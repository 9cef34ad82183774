package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialEncoding;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code os-oauth2 map-demo}: a map in the browser on tokens that renew while you watch. An embedded
 * {@link FakeOsDataHub} with 6-second tokens on one origin; the relay and the pages on another (so the
 * page calls the "OS" APIs cross-origin, with CORS, as it would api.os.uk). No credentials, no network.
 */
final class MapDemoCommand implements Command {
  /** Short enough to watch several renewals in a minute. */
  static final Duration TOKEN_LIFETIME = Duration.ofSeconds(6);

  private final FakeServerCommand.StopSignal stop;
  private final String secret;

  MapDemoCommand() {
    this(new FakeServerCommand.UntilShutdown(), madeUpSecret());
  }

  /** For tests: their stop signal, and a secret they know, to look for it in what is served. */
  MapDemoCommand(FakeServerCommand.StopSignal stop, String secret) {
    this.stop = Objects.requireNonNull(stop);
    this.secret = Objects.requireNonNull(secret);
  }

  @Override
  public String name() {
    return "map-demo";
  }

  @Override
  public String summary() {
    return "a map in your browser on tokens that renew while you watch (no credentials)";
  }

  @Override
  public String usage() {
    return "map-demo [--port N]";
  }

  @Override
  public String description() {
    return "Starts FakeOsDataHub with " + TOKEN_LIFETIME.getSeconds() + " s tokens, and on another port of\n"
        + "127.0.0.1 the token relay (GET /os-token) and map pages (Leaflet and OpenLayers) that show\n"
        + "the fake's raster tiles with tokens from the relay, renewing them as they go. Prints the URL\n"
        + "to open and runs until Ctrl-C. Needs no credentials and no network: the fake's secret is\n"
        + "made up for the run, and stays in this process.";
  }

  @Override
  public List<Option> options() {
    return List.of(FakeServerCommand.PORT);
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
      throw CommandFailedException.usage("map-demo takes no arguments");
    }
    int port = arguments.value(FakeServerCommand.PORT).map(FakeServerCommand::port).orElse(0);
    try (FakeOsDataHub hub = FakeOsDataHub.builder().credentials(FakeOsDataHub.DEFAULT_KEY, secret)
            .tokenLifetime(TOKEN_LIFETIME).start();
        CachingTokenProvider provider = Configuration.tokenProvider(hub.credentials(), hub.tokenUri(),
            CredentialEncoding.RFC6749);
        MapPageServer pages = MapPageServer.startOrExplain(provider, MapPageSettings.forApi(hub.baseUri(),
            "Tiles from FakeOsDataHub at " + hub.baseUri() + " (placeholder images); its tokens last "
                + TOKEN_LIFETIME.getSeconds() + " s."), port)) {
      describe(pages, hub, context.out());
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    context.out().println("Stopped.");
    context.out().flush();
    stop.stopped();
    return ExitCode.OK;
  }

  private static void describe(MapPageServer pages, FakeOsDataHub hub, PrintStream out) {
    out.println("Map demo running: open " + pages.uri() + " in a browser. Ctrl-C stops it.");
    out.println();
    out.println("  Leaflet      " + pages.uri());
    out.println("  OpenLayers   " + pages.uri().resolve("openlayers.html"));
    out.println("  token relay  " + pages.uri().resolve(MapPageSettings.RELAY_PATH.substring(1)));
    out.println("  fake OS API  " + hub.baseUri() + " (another origin: the page calls it with CORS)");
    out.println();
    out.println("The page shows each token's countdown; a new one arrives shortly before the old expires.");
    out.flush();
  }

  /** A secret for this run only: nothing the browser receives may hold it, and the tests look. */
  private static String madeUpSecret() {
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder b = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      b.append(letters.charAt(random.nextInt(letters.length())));
    }
    return b.toString();
  }
}
