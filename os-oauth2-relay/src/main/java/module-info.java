/**
 * os-oauth2's token relay for browser maps: {@link io.github.osdatahub.oauth2.relay.TokenRelay} hands a web
 * page short-lived OS Data Hub tokens in OS's own JSON shape, so that the page never holds the project
 * secret. Adapters for the JDK's {@code com.sun.net.httpserver} and Jakarta Servlet 6 are optional: each
 * needs its API only when used.
 */
// "module": "oauth2" ends in a digit; the name matches the package, as JPMS advises. "exports": the adapters'
// signatures use the optional APIs, which are deliberately not transitive: a transitive static requirement would
// make every module that reads this one need the Servlet API to compile.
@SuppressWarnings({"module", "exports"})
module io.github.osdatahub.oauth2.relay {
  requires transitive io.github.osdatahub.oauth2;
  // Optional: an application that uses an adapter has that API and reads it itself.
  requires static jdk.httpserver;
  requires static jakarta.servlet;

  exports io.github.osdatahub.oauth2.relay;
}
