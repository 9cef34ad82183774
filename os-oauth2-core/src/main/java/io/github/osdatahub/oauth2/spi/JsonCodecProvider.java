package io.github.osdatahub.oauth2.spi;

/**
 * Makes a {@link JsonCodec} for discovery, registered with {@link java.util.ServiceLoader} by the
 * JSON adapter modules. Among those found, the highest {@link #priority()} wins.
 */
public interface JsonCodecProvider {
  /**
   * A short name for messages, such as {@code jackson}.
   *
   * @return the name
   */
  String name();

  /**
   * The rank among found codecs: Jackson 200, Gson 100.
   *
   * @return the priority; higher wins
   */
  int priority();

  /**
   * A codec with the library's default settings.
   *
   * @return the codec
   */
  JsonCodec create();
}
