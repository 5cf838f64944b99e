package fr.guichet.command.config;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A small event-sourced aggregate for the command bus tests: it books entries, each at the next
 * position, once per entry id; it refuses empty amounts without applying anything; it applies and
 * then fails for {@link #FAILS_AFTER_APPLYING}, applies and then refuses for {@link
 * #REFUSED_AFTER_APPLYING}; and {@link Wait} keeps its worker busy until the test opens the gate,
 * so that the commands sent meanwhile queue up behind it.
 */
public class Ledger {

  static final int FAILS_AFTER_APPLYING = 13;
  static final int REFUSED_AFTER_APPLYING = 17;

  /** Gates by name: {@code entered} when the waiting command runs, {@code open} lets it finish. */
  static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

  record Gate(CountDownLatch entered, CountDownLatch open) {
    Gate() {
      this(new CountDownLatch(1), new CountDownLatch(1));
    }
  }

  record OpenLedger(@TargetAggregateIdentifier String ledgerId) {}

  record Book(@TargetAggregateIdentifier String ledgerId, String entryId, int amount) {}

  record Wait(@TargetAggregateIdentifier String ledgerId, String gate) {}

  record LedgerOpened(String ledgerId) {}

  record Booked(String ledgerId, String entryId, int amount, int position) {}

  @AggregateIdentifier private String ledgerId;
  private final Map<String, Integer> positions = new HashMap<>();

  Ledger() {}

  @CommandHandler
  Ledger(OpenLedger command) {
    apply(new LedgerOpened(command.ledgerId()));
  }

  @CommandHandler
  int handle(Book command) {
    Integer earlier = positions.get(command.entryId());
    if (earlier != null) {
      return earlier;
    }
    if (command.amount() <= 0) {
      throw new CommandRejectedException(Rejection.invalid("amount", "Book a positive amount."));
    }
    apply(new Booked(ledgerId, command.entryId(), command.amount(), positions.size() + 1));
    if (command.amount() == FAILS_AFTER_APPLYING) {
      throw new IllegalStateException("Failed after booking " + command.entryId());
    }
    if (command.amount() == REFUSED_AFTER_APPLYING) {
      throw new CommandRejectedException(Rejection.rule("late-refusal", "Refused after booking."));
    }
    return positions.get(command.entryId());
  }

  @CommandHandler
  void handle(Wait command) throws InterruptedException {
    Gate gate = GATES.get(command.gate());
    gate.entered().countDown();
    if (!gate.open().await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("The test never opened gate " + command.gate());
    }
  }

  @EventSourcingHandler
  void on(LedgerOpened event) {
    ledgerId = event.ledgerId();
  }

  @EventSourcingHandler
  void on(Booked event) {
    positions.put(event.entryId(), event.position());
  }
}
