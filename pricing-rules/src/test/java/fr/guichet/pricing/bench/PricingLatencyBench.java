package fr.guichet.pricing.bench;

import static fr.guichet.pricing.Baskets.basket;
import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.pricing.Compilation;
import fr.guichet.pricing.DefaultRuleFiles;
import fr.guichet.pricing.PriceCalculator;
import fr.guichet.pricing.PricingRequest;
import fr.guichet.pricing.Rate;
import fr.guichet.pricing.RuleFile;
import fr.guichet.pricing.drools.DroolsPricingRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures, without JMH, the compile time of the default rule set and the latency of pricing an
 * order of 4 tickets with it. Reports numbers, asserts nothing about time. Run with {@code
 * -Dbench=true}; results go to target/bench/pricing.txt (see bench/PRICING.md).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PricingLatencyBench {

  static final int WARMUP = 20_000;
  static final int MEASURED = 100_000;

  @Test
  void default_rule_set_compile_time_and_pricing_latency_for_four_tickets() throws IOException {
    List<RuleFile> files = DefaultRuleFiles.load();
    long coldStart = System.nanoTime();
    Compilation cold = new DroolsPricingRules().compile(files);
    long coldNanos = System.nanoTime() - coldStart;
    assertThat(cold.succeeded()).isTrue();
    long[] warmCompiles = new long[10];
    for (int i = 0; i < warmCompiles.length; i++) {
      long start = System.nanoTime();
      new DroolsPricingRules().compile(files);
      warmCompiles[i] = System.nanoTime() - start;
    }
    Arrays.sort(warmCompiles);

    PriceCalculator calculator = cold.calculator();
    PricingRequest order =
        basket()
            .at(Duration.ofDays(30))
            .add(1, "CARRE_OR", Rate.FULL)
            .add(1, "CAT1", Rate.STUDENT)
            .add(1, "CAT1", Rate.SUBSCRIBER)
            .add(1, "FOSSE", Rate.FULL)
            .build();
    long checksum = 0;
    for (int i = 0; i < WARMUP; i++) {
      checksum += calculator.price(order).totalCents();
    }
    long[] latencies = new long[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      checksum += calculator.price(order).totalCents();
      latencies[i] = System.nanoTime() - start;
    }
    Arrays.sort(latencies);
    assertThat(checksum).isEqualTo((long) (WARMUP + MEASURED) * (9000 + 4400 + 4950 + 3000));

    String report =
        String.format(
            Locale.ROOT,
            "pricing-rules benchmark (%s, %d cores, Java %s)%n"
                + "default rule set compile: cold %.0f ms (engine's own count %d ms), warm median"
                + " %.0f ms, warm max %.0f ms (10 runs, includes the sample-basket probe)%n"
                + "order of 4 tickets, %d warm-up then %d measured, one thread:%n"
                + "  p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
            System.getProperty("os.name"),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            coldNanos / 1e6,
            cold.compileMillis(),
            warmCompiles[warmCompiles.length / 2] / 1e6,
            warmCompiles[warmCompiles.length - 1] / 1e6,
            WARMUP,
            MEASURED,
            percentile(latencies, 0.50),
            percentile(latencies, 0.90),
            percentile(latencies, 0.99),
            percentile(latencies, 0.999),
            latencies[latencies.length - 1] / 1e3);
    Path out = Path.of("target", "bench", "pricing.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.print(report);
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e3;
  }
}
