package io.github.osdatahub.oauth2;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How the API key and secret go in the token request's {@code Authorization: Basic} header. For
 * OS's letters-and-digits keys and secrets both send the bytes {@code curl -u KEY:SECRET} sends; the
 * core README says where they differ.
 */
public enum CredentialEncoding {
  /**
   * The default, RFC 6749 §2.3.1: key and secret each form-urlencoded (UTF-8, as
   * {@link URLEncoder} does), joined with {@code :}, sent as HTTP Basic. A key may contain {@code :}.
   */
  RFC6749,

  /**
   * HTTP Basic as {@code curl -u} sends it: {@code key:secret} in UTF-8, nothing escaped, for a
   * gateway that does not decode. A key must not contain {@code :}.
   */
  RAW;

  // Throws IllegalArgumentException naming this setting, never quoting the key.
  void checkKey(String key) {
    if (this == RAW && key.indexOf(':') >= 0) {
      throw new IllegalArgumentException("API key must not contain ':' with credentialEncoding RAW (HTTP Basic "
          + "splits key and secret at the first ':'); the default, RFC6749, sends it as %3A");
    }
  }

  String basicAuthorization(String key, String secret) {
    checkKey(key);
    String userPass = this == RAW ? key + ":" + secret
        : URLEncoder.encode(key, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }
}
