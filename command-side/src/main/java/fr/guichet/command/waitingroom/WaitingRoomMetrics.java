package fr.guichet.command.waitingroom;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The size of this node's waiting rooms, all events together: visitors waiting in line, visitors in
 * a pre-queue that has not opened yet, how many were admitted, and the admission rate in force (the
 * configured rates adapted to the measured capacity, and the factor applied to them).
 */
@Component
class WaitingRoomMetrics implements MeterBinder {

  private final WaitingRooms rooms;

  WaitingRoomMetrics(WaitingRooms rooms) {
    this.rooms = rooms;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("guichet.waiting-room.visitors", rooms, r -> r.totals().waiting())
        .tag("state", "waiting")
        .description("Visitors in line in the waiting rooms of this node")
        .register(registry);
    Gauge.builder("guichet.waiting-room.visitors", rooms, r -> r.totals().preQueued())
        .tag("state", "pre-queued")
        .description("Visitors who arrived before opening, not yet placed in line")
        .register(registry);
    Gauge.builder("guichet.waiting-room.admission.factor", rooms, WaitingRooms::admissionFactor)
        .description(
            "Share of the configured admission rates admitted now, adapted to the command side's"
                + " measured capacity (floor to 1)")
        .register(registry);
    Gauge.builder("guichet.waiting-room.admission.rate", rooms, r -> r.totals().admitPerMinute())
        .baseUnit("visitors/minute")
        .description("Visitors admitted per minute now by the open waiting rooms of this node")
        .register(registry);
    FunctionCounter.builder("guichet.waiting-room.admitted", rooms, r -> r.totals().admitted())
        .description("Visitors admitted by the waiting rooms of this node")
        .register(registry);
  }
}
