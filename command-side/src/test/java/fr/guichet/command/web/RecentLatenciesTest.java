package fr.guichet.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentLatenciesTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void the_99th_percentile_counts_only_the_durations_of_the_recent_period() {
    RecentLatencies latencies = new RecentLatencies(1000, Duration.ofSeconds(30));
    // Long ago: very slow.
    for (int i = 0; i < 100; i++) {
      latencies.record(10 * SECOND, 5 * SECOND);
    }
    // Recently: 98 fast ones and 2 slow ones.
    for (int i = 0; i < 98; i++) {
      latencies.record(100 * SECOND, 20_000_000L);
    }
    latencies.record(100 * SECOND, 700_000_000L);
    latencies.record(100 * SECOND, 900_000_000L);

    assertThat(latencies.p99(110 * SECOND)).isEqualTo(Duration.ofMillis(700));
    assertThat(latencies.p99(200 * SECOND)).isEqualTo(Duration.ZERO);
  }

  @Test
  void memory_is_bounded_to_the_latest_durations() {
    RecentLatencies latencies = new RecentLatencies(10, Duration.ofSeconds(30));
    for (int i = 0; i < 10; i++) {
      latencies.record(SECOND, 3 * SECOND);
    }
    for (int i = 0; i < 10; i++) {
      latencies.record(SECOND, 10_000_000L);
    }

    assertThat(latencies.p99(2 * SECOND)).isEqualTo(Duration.ofMillis(10));
  }
}
