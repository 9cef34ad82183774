package io.github.osdatahub.oauth2;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How the API key and secret are put in the token request's {@code Authorization: Basic} header.
 *
 * <p>OS keys and secrets are letters and digits, for which both encodings send the same bytes, the
 * ones {@code curl -u KEY:SECRET} sends. They differ only for other characters: a standards server
 * (Spring Authorization Server, Nimbus) decodes what {@link #RFC6749} sends, and would
 * read a raw {@code +} as a space and refuse a raw {@code %} that starts no escape.
 *
 * <pre>{@code
 * TokenClient client = TokenClient.builder(credentials)
 *     .credentialEncoding(CredentialEncoding.RAW)   // a gateway that does not decode
 *     .build();
 * }</pre>
 */
public enum CredentialEncoding {
  /**
   * The default, RFC 6749 §2.3.1: the key and the secret are each form-urlencoded
   * ({@code application/x-www-form-urlencoded}, UTF-8, as {@link URLEncoder} does: a space becomes
   * {@code +}, a {@code :} becomes {@code %3A}), then joined with {@code :} and sent as HTTP Basic.
   * A key may contain {@code :}.
   */
  RFC6749,

  /**
   * HTTP Basic as {@code curl -u} sends it (RFC 7617): {@code key:secret} in UTF-8, nothing
   * escaped. For a gateway that does not decode the form-urlencoding. A key must not contain
   * {@code :}, since the server splits the two at the first one.
   */
  RAW;

  /**
   * Checks that this encoding can carry the key.
   *
   * @throws IllegalArgumentException naming this setting, never quoting the key
   */
  void checkKey(String key) {
    if (this == RAW && key.indexOf(':') >= 0) {
      throw new IllegalArgumentException("API key must not contain ':' with credentialEncoding RAW (HTTP Basic "
          + "splits key and secret at the first ':'); the default, RFC6749, sends it as %3A");
    }
  }

  /** The {@code Authorization} header value: {@code Basic} and the encoded credentials. */
  String basicAuthorization(String key, String secret) {
    checkKey(key);
    String userPass = this == RAW ? key + ":" + secret : formEncode(key) + ":" + formEncode(secret);
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  private static String formEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
