package io.github.osdatahub.oauth2.spi;

import java.util.Map;

/**
 * Parses one JSON object into plain Java values, tree level only (no data binding, nothing of the
 * user's mapper configuration leaks in or out): object to {@code Map<String, Object>} (insertion
 * order), array to {@code List<Object>}, string, {@link Number}, {@code Boolean} or {@code null}.
 * The core decodes UTF-8 and drops a byte-order mark before calling.
 */
@FunctionalInterface
public interface JsonCodec {
  /**
   * @param json text that must hold exactly one JSON object
   * @return the object's members
   * @throws IllegalArgumentException when the text is not one well-formed JSON object, never quoting it
   */
  Map<String, Object> parseObject(String json);
}
