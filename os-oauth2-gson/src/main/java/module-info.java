/**
 * os-oauth2 over Gson: {@link io.github.osdatahub.oauth2.gson.GsonJsonCodec}, a {@code JsonCodec}
 * that reads token answers with Gson's streaming reader, registered for discovery.
 */
@SuppressWarnings("module") // "oauth2" ends in a digit; the name matches the package, as JPMS advises
module io.github.osdatahub.oauth2.gson {
  requires transitive io.github.osdatahub.oauth2;
  requires transitive com.google.gson;

  exports io.github.osdatahub.oauth2.gson;

  provides io.github.osdatahub.oauth2.spi.JsonCodecProvider
      with io.github.osdatahub.oauth2.gson.internal.GsonJsonCodecProvider;
}
