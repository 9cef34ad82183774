/**
 * os-oauth2 over Jackson: {@link io.github.osdatahub.oauth2.jackson.JacksonJsonCodec}, a
 * {@code JsonCodec} that reads token answers with Jackson's streaming parser, registered for
 * discovery.
 */
@SuppressWarnings("module") // "oauth2" ends in a digit; the name matches the package, as JPMS advises
module io.github.osdatahub.oauth2.jackson {
  requires transitive io.github.osdatahub.oauth2;
  requires transitive com.fasterxml.jackson.databind;

  exports io.github.osdatahub.oauth2.jackson;

  provides io.github.osdatahub.oauth2.spi.JsonCodecProvider
      with io.github.osdatahub.oauth2.jackson.internal.JacksonJsonCodecProvider;
}
