/**
 * os-oauth2 on the JDK's {@code java.net.http.HttpClient}: {@link io.github.osdatahub.oauth2.jdk.JdkHttpTransport},
 * the token exchange's transport, and {@link io.github.osdatahub.oauth2.jdk.OsDataHubHttpClient}, an
 * {@code HttpClient} that puts OS Data Hub tokens on its requests.
 */
@SuppressWarnings("module") // "oauth2" ends in a digit; the name matches the package, as JPMS advises
module io.github.osdatahub.oauth2.jdk {
  requires transitive io.github.osdatahub.oauth2;
  requires transitive java.net.http;

  exports io.github.osdatahub.oauth2.jdk;

  provides io.github.osdatahub.oauth2.spi.HttpTransportProvider
      with io.github.osdatahub.oauth2.jdk.internal.JdkHttpTransportProvider;
}
