/**
 * os-oauth2 over Jackson 3: {@link io.github.osdatahub.oauth2.jackson3.Jackson3JsonCodec}, a
 * {@code JsonCodec} that reads token answers with Jackson 3's streaming parser, registered for
 * discovery.
 */
@SuppressWarnings("module") // "oauth2" ends in a digit; the name matches the package, as JPMS advises
module io.github.osdatahub.oauth2.jackson3 {
  requires transitive io.github.osdatahub.oauth2;
  requires transitive tools.jackson.databind;

  exports io.github.osdatahub.oauth2.jackson3;

  provides io.github.osdatahub.oauth2.spi.JsonCodecProvider
      with io.github.osdatahub.oauth2.jackson3.internal.Jackson3JsonCodecProvider;
}
