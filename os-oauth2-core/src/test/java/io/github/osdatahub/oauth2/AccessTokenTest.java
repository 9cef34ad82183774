package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenTest {
  private static final Instant LATER = Instant.now().plusSeconds(299);

  @ParameterizedTest
  @ValueSource(strings = {"Zq9\r\nX-Evil: 1", "Zq9\n", "Zq9\r", "Zq9\u0000", "Zq9\u001b[31m",
      "Zq9\u007f", "Zq9\u0085", "Zq9\u009b", "Zq9 x", "Zq9\tx", "Zq9\u2028", "Zq9\u202e", "Zq9ü"})
  void ofRefusesCharactersThatCouldSplitAHeaderOrAMessage(String value) {
    assertThatThrownBy(() -> AccessToken.of(value, LATER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("visible ASCII")
        .hasMessageNotContaining("Zq9");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ZclClFcksJlZ19vnJOt09Yj3xme0", "eyJhbGciOi.eyJzdWIi.c2ln-_~+/=", "a"})
  void ofAcceptsWhatAnAuthorizationHeaderCarries(String value) {
    AccessToken token = AccessToken.of(value, LATER);

    assertThat(token.value()).isEqualTo(value);
    assertThat(token.authorizationHeader()).isEqualTo("Bearer " + value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void ofRefusesBlank(String value) {
    assertThatThrownBy(() -> AccessToken.of(value, LATER)).hasMessage("access token value must not be blank");
  }
}
