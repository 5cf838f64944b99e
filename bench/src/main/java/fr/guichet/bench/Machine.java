package fr.guichet.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the run happened on, and how busy the machine was. */
final class Machine {

  private Machine() {}

  static String describe() {
    String model = "?";
    try {
      model =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .orElse("?");
    } catch (Exception e) {
      // not Linux
    }
    return String.format(
        "%d cores (%s), JVM %s %s, max heap %d MB",
        Runtime.getRuntime().availableProcessors(),
        model,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "?";
    }
  }

  /** Cores busy machine-wide over the next {@code millis} (this JVM is idle then). */
  static double busyCores(long millis) throws InterruptedException {
    CpuSample before = CpuSample.now();
    Thread.sleep(millis);
    return CpuSample.now().busyCoresSince(before);
  }
}
