package fr.guichet.command.operations;

import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the machine's CPU is busy: its recent load (all processes, as the JVM reads it from the
 * operating system, container limits included) at or above {@code threshold}. Read at most once per
 * {@code everyNanos}: asking costs a system call, and the background processors ask after every
 * event. An unknown load (negative: not supported) counts as not busy.
 */
final class BusyCpu implements BooleanSupplier {

  private final DoubleSupplier load;
  private final LongSupplier nanoTime;
  private final double threshold;
  private final long everyNanos;
  private long readAt;
  private boolean busy;
  private boolean read;

  BusyCpu(DoubleSupplier load, LongSupplier nanoTime, double threshold, long everyNanos) {
    this.load = load;
    this.nanoTime = nanoTime;
    this.threshold = threshold;
    this.everyNanos = everyNanos;
  }

  /** The machine's CPU as the JVM sees it, read at most every half second. */
  static BusyCpu ofThisMachine(double threshold) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    DoubleSupplier load =
        os instanceof com.sun.management.OperatingSystemMXBean sun ? sun::getCpuLoad : () -> -1;
    return new BusyCpu(load, System::nanoTime, threshold, 500_000_000L);
  }

  @Override
  public synchronized boolean getAsBoolean() {
    long now = nanoTime.getAsLong();
    if (!read || now - readAt >= everyNanos) {
      double l = load.getAsDouble();
      busy = l >= 0 && l >= threshold;
      readAt = now;
      read = true;
    }
    return busy;
  }
}
