package fr.guichet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Machine-wide busy CPU (from /proc/stat) and this JVM's own CPU (from /proc/self/stat), so each
 * phase can report how much of the two shared cores something else was using.
 */
record CpuSample(long nanos, long busyTicks, long ownTicks) {

  private static final double TICKS_PER_SECOND = 100.0;

  static CpuSample now() {
    long busy = -1;
    long own = -1;
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < cpu.length; i++) {
        total += Long.parseLong(cpu[i]);
      }
      long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
      busy = total - idle;
      String self = Files.readString(Path.of("/proc/self/stat"));
      String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
      own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      // Not on Linux: CPU figures are reported as zero.
    }
    return new CpuSample(System.nanoTime(), busy, own);
  }

  double busyCoresSince(CpuSample before) {
    return busyTicks < 0 ? 0 : (busyTicks - before.busyTicks) / TICKS_PER_SECOND / seconds(before);
  }

  double ownCoresSince(CpuSample before) {
    return ownTicks < 0 ? 0 : (ownTicks - before.ownTicks) / TICKS_PER_SECOND / seconds(before);
  }

  private double seconds(CpuSample before) {
    return Math.max(1e-9, (nanos - before.nanos) / 1e9);
  }
}
