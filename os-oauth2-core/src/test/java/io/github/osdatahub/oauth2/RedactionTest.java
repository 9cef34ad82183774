package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one place quoted text is masked. */
class RedactionTest {
  /** A redaction whose request secrets appear in none of the texts below, so only its patterns act. */
  private static final Redaction PATTERNS = Redaction.of(TokenRequest.create(ProjectCredentials.of("unseen-key",
      "unseen-secret"), TokenRequest.DEFAULT_ENDPOINT, CredentialEncoding.RFC6749));

  static final TokenRequest REQUEST = TokenRequest.create(ProjectCredentials.of("the-key", "s3cr3t-DO-NOT-LOG"));
  static final String BASIC = REQUEST.headers().get("Authorization").substring("Basic ".length());
  final Redaction redaction = Redaction.of(REQUEST);

  @Test
  void masksTheSecretInEveryFormTheRequestCarriesIt() {
    assertThat(redaction.excerpt("bad secret s3cr3t-DO-NOT-LOG")).isEqualTo("bad secret ****");
    assertThat(redaction.excerpt("bad pair the-key:s3cr3t-DO-NOT-LOG")).isEqualTo("bad pair ****");
    assertThat(redaction.excerpt("header was " + BASIC)).isEqualTo("header was ****");
    assertThat(redaction.excerpt("Authorization: Basic " + BASIC)).isEqualTo("Authorization: Basic ****");
  }

  @Test
  void masksAnyBasicOrBearerValue() {
    assertThat(PATTERNS.excerpt("got Bearer abc.def-ghi and basic Zm9vOmJhcg=="))
        .isEqualTo("got Bearer **** and basic ****");
    assertThat(PATTERNS.excerpt("token_type BearerToken")).isEqualTo("token_type BearerToken");
  }

  @Test
  void masksTokenMembersInJsonAndForms() {
    assertThat(PATTERNS.excerpt("{\"access_token\" : \"abc\\\"def\", \"expires_in\":\"299\"}"))
        .isEqualTo("{\"access_token\" : \"****\", \"expires_in\":\"299\"}");
    assertThat(PATTERNS.excerpt("{\"ACCESS_TOKEN\":12345,\"refresh_token\":\"r\"}"))
        .isEqualTo("{\"ACCESS_TOKEN\":\"****\",\"refresh_token\":\"****\"}");
    assertThat(PATTERNS.excerpt("access_token=abc&token_type=Bearer&client_secret=xyz"))
        .isEqualTo("access_token=****&token_type=Bearer&client_secret=****");
  }

  @Test
  void aValueCutByTheExcerptIsMaskedToo() {
    String text = "x".repeat(100) + "{\"access_token\":\"abcdefghijklmnopqrstuvwxyz0123456789\"}";
    String excerpt = PATTERNS.excerpt(text);
    assertThat(excerpt).endsWith("\"access_token\":\"****\"...").doesNotContain("abcdef");
    String trailingEscape = "x".repeat(103) + "{\"access_token\":\"abcdefghijklmnopqrstuvwxyz\\";
    assertThat(PATTERNS.excerpt(trailingEscape)).doesNotContain("abcdef");
  }

  @Test
  void aSecretAcrossTheCutIsMaskedBeforeCutting() {
    String text = "y".repeat(110) + "s3cr3t-DO-NOT-LOG and more";
    String excerpt = redaction.excerpt(text);
    assertThat(excerpt).doesNotContain("s3cr3t").startsWith("y".repeat(110) + "****");
  }

  @Test
  void excerptsAreShortAndOnOneLine() {
    assertThat(PATTERNS.excerpt("a\r\nb\tc\u2028d\u0000e")).isEqualTo("a  b c d e");
    assertThat(PATTERNS.excerpt("z".repeat(500))).hasSize(Redaction.MAX_EXCERPT + 3);
    assertThat(PATTERNS.excerpt(null)).isEmpty();
    assertThat(PATTERNS.excerpt("  \n ")).isEmpty();
  }

  @Test
  void aSurrogatePairIsNotSplit() {
    String text = "a".repeat(Redaction.MAX_EXCERPT - 1) + "\uD83D\uDE00tail";
    String excerpt = PATTERNS.excerpt(text);
    assertThat(excerpt).isEqualTo("a".repeat(Redaction.MAX_EXCERPT - 1) + "...");
  }
}
