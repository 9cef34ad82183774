package io.github.osdatahub.oauth2.spi;

import java.util.Map;

/**
 * Parses one JSON object into plain Java values. Tree level only, no data binding: no reflection,
 * and nothing of the user's mapper configuration leaks in or out.
 *
 * <p>Values map as: object to {@code Map<String, Object>} (insertion order), array to
 * {@code List<Object>}, string to {@code String}, number to a {@link Number}, {@code true}/{@code false}
 * to {@code Boolean}, {@code null} to {@code null}. The core decodes UTF-8 and drops a byte-order
 * mark before calling.
 *
 * <pre>{@code
 * Map<String, Object> answer = JacksonJsonCodec.create().parseObject("{\"expires_in\":\"299\"}");
 * }</pre>
 */
@FunctionalInterface
public interface JsonCodec {
  /**
   * Parses text that must hold exactly one JSON object.
   *
   * @param json the text
   * @return the object's members
   * @throws IllegalArgumentException when the text is not one well-formed JSON object (empty,
   *     truncated, an array or a scalar, or trailing content); the message must not quote the text
   */
  Map<String, Object> parseObject(String json);
}
