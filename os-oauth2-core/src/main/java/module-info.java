/**
 * OS Data Hub access tokens, cached and renewed ahead of expiry; start at
 * {@link io.github.osdatahub.oauth2.OsOAuth2}.
 */
@SuppressWarnings("module") // "oauth2" ends in a digit; the name matches the package, as JPMS advises
module io.github.osdatahub.oauth2 {
  exports io.github.osdatahub.oauth2;
  exports io.github.osdatahub.oauth2.spi;

  uses io.github.osdatahub.oauth2.spi.HttpTransportProvider;
  uses io.github.osdatahub.oauth2.spi.JsonCodecProvider;
}
