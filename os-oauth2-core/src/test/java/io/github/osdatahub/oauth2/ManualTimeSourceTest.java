package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimeSourceTest {
  @Test
  void subMillisecondStepsAddUpOnTheWallClockToo() {
    ManualTimeSource time = new ManualTimeSource();
    long nanos = time.nanoTime();
    long wall = time.currentTimeMillis();
    for (int i = 0; i < 1_000; i++) {
      time.advance(Duration.ofNanos(999_999));
    }
    assertThat(time.nanoTime() - nanos).isEqualTo(999_999_000L);
    assertThat(time.currentTimeMillis() - wall).isEqualTo(999);
    time.advance(Duration.ofNanos(1_000));
    assertThat(time.currentTimeMillis() - wall).isEqualTo(1_000);
  }

  @Test
  void tasksRunInDeadlineOrderAndCancelledOnesNeitherRunNorCount() {
    ManualTimeSource time = new ManualTimeSource();
    List<String> ran = new ArrayList<>();
    time.schedule(() -> ran.add("b"), 2_000_000);
    TimeSource.Cancellable c = time.schedule(() -> ran.add("never"), 1_500_000);
    time.schedule(() -> ran.add("a"), 1_000_000);
    assertThat(time.pendingTasks()).isEqualTo(3);
    c.cancel();
    assertThat(time.pendingTasks()).isEqualTo(2);
    time.advance(Duration.ofMillis(2));
    assertThat(ran).containsExactly("a", "b");
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void aWallClockJumpBackwardsKeepsSubMillisecondParts() {
    ManualTimeSource time = new ManualTimeSource();
    long wall = time.currentTimeMillis();
    time.jumpWallClock(Duration.ofNanos(-1));
    assertThat(time.currentTimeMillis()).isEqualTo(wall - 1);
    time.advance(Duration.ofNanos(1));
    assertThat(time.currentTimeMillis()).isEqualTo(wall);
  }
}
