package fr.guichet.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  @Test
  void the_first_four_failures_lock_nothing_but_each_answer_comes_later() {
    for (int failures = 1; failures <= 4; failures++) {
      assertThat(LoginThrottle.lockAfter(failures)).isZero();
    }
    assertThat(LoginThrottle.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(LoginThrottle.delayAfter(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(LoginThrottle.delayAfter(50)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void from_the_fifth_failure_the_lock_doubles_up_to_fifteen_minutes() {
    assertThat(LoginThrottle.lockAfter(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(LoginThrottle.lockAfter(6)).isEqualTo(Duration.ofMinutes(1));
    assertThat(LoginThrottle.lockAfter(7)).isEqualTo(Duration.ofMinutes(2));
    assertThat(LoginThrottle.lockAfter(9)).isEqualTo(Duration.ofMinutes(8));
    assertThat(LoginThrottle.lockAfter(10)).isEqualTo(Duration.ofMinutes(15));
    assertThat(LoginThrottle.lockAfter(1000)).isEqualTo(Duration.ofMinutes(15));
  }
}
