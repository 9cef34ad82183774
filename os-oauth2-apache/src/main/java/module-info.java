/**
 * os-oauth2 for Apache HttpClient 5: an {@link io.github.osdatahub.oauth2.spi.HttpTransport} over
 * the classic and async clients, a request interceptor, and exec-chain handlers that authorize each
 * hop and retry a rejected token once.
 *
 * <p>Start at {@link io.github.osdatahub.oauth2.apache.OsDataHubExecChain}.
 */
// "module": "oauth2" ends in a digit; the name matches the package, as JPMS advises.
// "requires-automatic", "requires-transitive-automatic": httpclient5 and httpcore5 ship no
// module-info, only an Automatic-Module-Name, and our public types extend theirs, so the requires
// must be transitive; javac warns about exactly that in these two categories, and nothing else here.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module io.github.osdatahub.oauth2.apache {
  requires transitive io.github.osdatahub.oauth2;
  requires transitive org.apache.httpcomponents.client5.httpclient5;
  requires transitive org.apache.httpcomponents.core5.httpcore5;

  exports io.github.osdatahub.oauth2.apache;

  provides io.github.osdatahub.oauth2.spi.HttpTransportProvider
      with io.github.osdatahub.oauth2.apache.internal.ApacheHttpTransportProvider;
}
