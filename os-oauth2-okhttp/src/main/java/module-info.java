/**
 * os-oauth2 for OkHttp 4.12 and 5.x: {@link io.github.osdatahub.oauth2.okhttp.OkHttpTransport} (the
 * token request over OkHttp), {@link io.github.osdatahub.oauth2.okhttp.OsDataHubInterceptor} (puts
 * the bearer token on OS Data Hub requests) and
 * {@link io.github.osdatahub.oauth2.okhttp.OsDataHubAuthenticator} (one retry after a 401).
 */
@SuppressWarnings("module") // "oauth2" ends in a digit; the name matches the package, as JPMS advises
module io.github.osdatahub.oauth2.okhttp {
  // Our public signatures use core types (TokenProvider, TokenScope) and OkHttp types
  // (Interceptor, Authenticator, OkHttpClient), so users get both modules by requiring this one.
  requires transitive io.github.osdatahub.oauth2;
  requires transitive okhttp3;

  exports io.github.osdatahub.oauth2.okhttp;

  provides io.github.osdatahub.oauth2.spi.HttpTransportProvider
      with io.github.osdatahub.oauth2.okhttp.internal.OkHttpTransportProvider;
}
