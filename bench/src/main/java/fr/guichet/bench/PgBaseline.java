package fr.guichet.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the shared bare-SQL reference ({@code pg-baseline.sh}: a private PostgreSQL, pgbench doing
 * one conditional UPDATE per seat) and parses its one-line-per-baseline output.
 */
final class PgBaseline {

  static final Path SCRIPT = Path.of("/work/shared/bench-reference/pg-baseline.sh");
  private static final Pattern LINE =
      Pattern.compile(
          "^(B_\\w+) clients=(\\d+) attempts/s=([\\d.]+) seat_updates/s=(\\d+) appends/s=(\\d+)"
              + " avg_latency_ms=([\\d.]+)");

  /** One baseline line. */
  record Line(
      String name,
      int clients,
      double attemptsPerSecond,
      long seatUpdatesPerSecond,
      long appendsPerSecond,
      double avgLatencyMs) {

    /** Accepted holds/s: half the seat updates for hold+release, every attempt for sell-out. */
    double acceptedHoldsPerSecond() {
      return switch (name) {
        case "B_rand", "B_hot" -> seatUpdatesPerSecond / 2.0;
        case "B_sellout" -> attemptsPerSecond;
        default -> appendsPerSecond;
      };
    }
  }

  static Map<String, Line> run(Path script, int seconds, int clients) throws Exception {
    Map<String, Line> lines = new LinkedHashMap<>();
    if (!Files.isExecutable(script)) {
      System.out.println("pg baseline: " + script + " not found or not executable; skipped");
      return lines;
    }
    Process process =
        new ProcessBuilder(script.toString(), Integer.toString(seconds), Integer.toString(clients))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        System.out.println("  pg| " + line);
        Matcher m = LINE.matcher(line.trim());
        if (m.find()) {
          lines.put(
              m.group(1),
              new Line(
                  m.group(1),
                  Integer.parseInt(m.group(2)),
                  Double.parseDouble(m.group(3)),
                  Long.parseLong(m.group(4)),
                  Long.parseLong(m.group(5)),
                  Double.parseDouble(m.group(6))));
        }
      }
    }
    int code = process.waitFor();
    if (code != 0) {
      System.out.println("pg baseline exited with " + code);
    }
    return lines;
  }
}
