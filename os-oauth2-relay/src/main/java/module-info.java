/**
 * os-oauth2's token relay for browser maps: {@link io.github.osdatahub.oauth2.relay.TokenRelay} hands a web
 * page short-lived OS Data Hub tokens in OS's own JSON shape, so that the page never holds the project
 * secret. Adapters for the JDK's {@code com.sun.net.httpserver} and Jakarta Servlet 6 are optional: each
 * needs its API only when used.
 */
@SuppressWarnings("module") // "oauth2" ends in a digit; the name matches the package, as JPMS advises
module io.github.osdatahub.oauth2.relay {
  requires transitive io.github.osdatahub.oauth2;
  // Optional, and in the adapters' signatures: an application that uses an adapter has the API, and reads it.
  requires static transitive jdk.httpserver;
  requires static transitive jakarta.servlet;

  exports io.github.osdatahub.oauth2.relay;
}
