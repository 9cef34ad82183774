/**
 * The {@code os-oauth2} command: prints OS Data Hub access tokens, calls OS APIs with them, runs a
 * demo of the token flow, a local fake of the Data Hub, and a token relay with map pages. Run it with
 * {@code java -jar os-oauth2.jar --help}.
 */
@SuppressWarnings("module") // the name matches the package, whose "oauth2" ends in a digit
module io.github.osdatahub.oauth2.cli {
  requires io.github.osdatahub.oauth2;
  requires io.github.osdatahub.oauth2.jdk;
  requires io.github.osdatahub.oauth2.gson;
  requires io.github.osdatahub.oauth2.testkit;
  requires io.github.osdatahub.oauth2.relay;
  requires jdk.httpserver;
  requires java.net.http;
}
