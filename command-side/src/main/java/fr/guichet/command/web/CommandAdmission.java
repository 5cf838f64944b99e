package fr.guichet.command.web;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many commands from HTTP this node handles at once ({@code
 * guichet.command-admission.max-in-flight}, default 200). Beyond that a request is turned away at
 * once with 503 and Retry-After rather than queued: under an onsale spike a queue only turns into
 * timeouts for everyone, while a quick "try again in a second" keeps the node answering. The
 * waiting room keeps the admitted traffic below this in normal operation, and watches what is
 * measured here (refusals, commands in flight, hold latency) to adapt its admission rate.
 */
@Component
public class CommandAdmission {

  private final Semaphore inFlight;
  private final int capacity;
  private final AtomicLong refused = new AtomicLong();
  private final RecentLatencies holds = new RecentLatencies(1024, Duration.ofSeconds(30));

  public CommandAdmission(@Value("${guichet.command-admission.max-in-flight:200}") int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("guichet.command-admission.max-in-flight must be >= 1");
    }
    this.capacity = capacity;
    this.inFlight = new Semaphore(capacity);
  }

  /** Takes a slot, or refuses when every slot is taken. Give it back with {@link #leave()}. */
  boolean tryEnter() {
    if (inFlight.tryAcquire()) {
      return true;
    }
    refused.incrementAndGet();
    return false;
  }

  /** A command that entered at {@code startNanos} (System.nanoTime) is answered. */
  void answered(Object command, long startNanos) {
    if (command instanceof HoldPlacesCommand) {
      long now = System.nanoTime();
      holds.record(now, now - startNanos);
    }
  }

  void leave() {
    inFlight.release();
  }

  public int inFlight() {
    return capacity - inFlight.availablePermits();
  }

  public int capacity() {
    return capacity;
  }

  /** How many commands were turned away with 503 since this node started. */
  public long refused() {
    return refused.get();
  }

  /** The 99th percentile of hold durations (from admission to answer) over the last 30 s. */
  public Duration holdP99() {
    return holds.p99(System.nanoTime());
  }

  /** The node is handling as many commands as it may; nothing was sent. */
  public static final class OverloadedException extends RuntimeException {
    public OverloadedException() {
      super("Too many requests in progress on this node; nothing was changed.", null, false, false);
    }
  }
}
