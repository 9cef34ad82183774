package io.github.osdatahub.oauth2.spi;

/**
 * Makes a {@link JsonCodec} for discovery, registered with {@link java.util.ServiceLoader} by the
 * JSON adapter modules. Among those found, the highest {@link #priority()} wins.
 */
public interface JsonCodecProvider {
  /** {@return a short name for messages, such as {@code jackson}} */
  String name();

  /** {@return the rank among found codecs, higher wins: Jackson 200, Gson 100} */
  int priority();

  /** {@return a codec with the library's default settings} */
  JsonCodec create();
}
