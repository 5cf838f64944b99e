package fr.guichet.command.web;

import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many commands from HTTP this node handles at once ({@code
 * guichet.command-admission.max-in-flight}, default 200). Beyond that a request is turned away at
 * once with 503 and Retry-After rather than queued: under an onsale spike a queue only turns into
 * timeouts for everyone, while a quick "try again in a second" keeps the node answering. The
 * waiting room keeps the admitted traffic below this in normal operation.
 */
@Component
public class CommandAdmission {

  private final Semaphore inFlight;
  private final int capacity;

  public CommandAdmission(@Value("${guichet.command-admission.max-in-flight:200}") int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("guichet.command-admission.max-in-flight must be >= 1");
    }
    this.capacity = capacity;
    this.inFlight = new Semaphore(capacity);
  }

  /** Takes a slot, or refuses when every slot is taken. Give it back with {@link #leave()}. */
  boolean tryEnter() {
    return inFlight.tryAcquire();
  }

  void leave() {
    inFlight.release();
  }

  public int inFlight() {
    return capacity - inFlight.availablePermits();
  }

  /** The node is handling as many commands as it may; nothing was sent. */
  public static final class OverloadedException extends RuntimeException {
    public OverloadedException() {
      super("Too many requests in progress on this node; nothing was changed.", null, false, false);
    }
  }
}
