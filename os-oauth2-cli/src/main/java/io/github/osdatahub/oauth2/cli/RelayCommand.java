package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code os-oauth2 relay}: the token relay for the project's own credentials, with map-demo's pages
 * against {@code https://api.os.uk} (or the origin of {@code OS_OAUTH2_TOKEN_URL}), on 127.0.0.1 until
 * Ctrl-C. The secret stays in this process; the pages get tokens only.
 */
final class RelayCommand implements Command {
  private final FakeServerCommand.StopSignal stop;

  RelayCommand() {
    this(new FakeServerCommand.UntilShutdown());
  }

  RelayCommand(FakeServerCommand.StopSignal stop) {
    this.stop = Objects.requireNonNull(stop);
  }

  @Override
  public String name() {
    return "relay";
  }

  @Override
  public String summary() {
    return "serve the token relay and the map pages for your project until Ctrl-C";
  }

  @Override
  public String usage() {
    return "relay [--port N] [--key KEY] [--secret-file FILE] [--credential-encoding MODE]";
  }

  @Override
  public String description() {
    return "Serves on 127.0.0.1, until Ctrl-C, the token relay (GET /os-token: OS's token JSON with the\n"
        + "token's remaining lifetime, same-origin only) for your project's credentials, its script\n"
        + "/os-oauth2/os-oauth2.js, and map-demo's pages showing OS Maps API raster tiles from\n"
        + "https://api.os.uk (or from the origin of " + Configuration.TOKEN_URL_VARIABLE + " when set). Fetches a\n"
        + "token first, so wrong credentials end it at once. The secret never leaves this process.";
  }

  @Override
  public List<Option> options() {
    List<Option> options = new ArrayList<>(List.of(FakeServerCommand.PORT));
    options.addAll(Configuration.OPTIONS);
    return options;
  }

  @Override
  public boolean readsCredentials() {
    return true;
  }

  @Override
  public List<ExitCode> exitCodes() {
    return List.of(ExitCode.OK, ExitCode.USAGE, ExitCode.CREDENTIALS_REJECTED, ExitCode.TOKEN_UNAVAILABLE,
        ExitCode.OUTPUT_FAILED);
  }

  @Override
  public ExitCode run(Arguments arguments, Context context) {
    if (!arguments.operands().isEmpty()) {
      throw CommandFailedException.usage("relay takes no arguments (see 'os-oauth2 relay --help')");
    }
    int port = arguments.value(FakeServerCommand.PORT).map(FakeServerCommand::port).orElse(0);
    Configuration configuration = Configuration.read(arguments, context);
    URI api = apiOrigin(configuration.tokenEndpoint());
    try (CachingTokenProvider provider = configuration.tokenProvider()) {
      provider.token(); // wrong credentials end the command here (exit 3), not in the browser
      try (MapPageServer pages = MapPageServer.startOrExplain(provider, MapPageSettings.forApi(api,
          "Tiles from " + api + " (OS Maps API, OpenData layers), with tokens from this relay."), port)) {
        describe(pages, api, context.out());
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    context.out().println("Stopped.");
    context.out().flush();
    stop.stopped();
    return ExitCode.OK;
  }

  /** Where the APIs are: api.os.uk, or the origin that issues the tokens when the endpoint is overridden. */
  static URI apiOrigin(URI tokenEndpoint) {
    if (tokenEndpoint.equals(Configuration.DEFAULT_TOKEN_URL)) {
      return URI.create("https://api.os.uk");
    }
    return URI.create(tokenEndpoint.getScheme() + "://" + tokenEndpoint.getRawAuthority());
  }

  private static void describe(MapPageServer pages, URI api, PrintStream out) {
    out.println("Token relay running: open " + pages.uri() + " in a browser. Ctrl-C stops it.");
    out.println();
    out.println("  map (Leaflet)     " + pages.uri());
    out.println("  map (OpenLayers)  " + pages.uri().resolve("openlayers.html"));
    out.println("  token relay       " + pages.uri().resolve(MapPageSettings.RELAY_PATH.substring(1)));
    out.println("  page script       " + pages.uri().resolve("os-oauth2/os-oauth2.js"));
    out.println("  tiles from        " + api);
    out.flush();
  }
}
