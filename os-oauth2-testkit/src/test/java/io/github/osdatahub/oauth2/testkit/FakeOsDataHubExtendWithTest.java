package io.github.osdatahub.oauth2.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The declarative form: the hub injected into the constructor, lifecycle methods and tests. */
@ExtendWith(FakeOsDataHubExtension.class)
class FakeOsDataHubExtendWithTest {
  private static FakeOsDataHub fromBeforeAll;
  private final FakeOsDataHub fromConstructor;

  FakeOsDataHubExtendWithTest(FakeOsDataHub hub) {
    this.fromConstructor = hub;
  }

  @BeforeAll
  static void keep(FakeOsDataHub hub) {
    fromBeforeAll = hub;
  }

  @Test
  void injectsOneStartedHubEverywhere(FakeOsDataHub hub) {
    assertThat(hub).isSameAs(fromConstructor).isSameAs(fromBeforeAll);
    assertThat(hub.key()).isEqualTo(FakeOsDataHub.DEFAULT_KEY);
    assertThat(RawHttp.fetchToken(hub)).hasSize(28);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void resetsBeforeEachTest(FakeOsDataHub hub) {
    assertThat(hub.tokenRequestCount()).isZero();
    RawHttp.fetchToken(hub);
    assertThat(hub.tokenRequestCount()).isEqualTo(1);
  }

  @Nested
  class Inner {
    @Test
    void nestedClassesShareTheOuterHub(FakeOsDataHub hub) {
      assertThat(hub).isSameAs(fromBeforeAll);
      assertThat(hub.tokenRequestCount()).isZero();
    }
  }
}
