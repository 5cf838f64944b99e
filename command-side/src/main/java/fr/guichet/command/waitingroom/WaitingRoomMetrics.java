package fr.guichet.command.waitingroom;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The size of this node's waiting rooms, all events together: visitors waiting in line, visitors in
 * a pre-queue that has not opened yet, and how many were admitted.
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
    FunctionCounter.builder("guichet.waiting-room.admitted", rooms, r -> r.totals().admitted())
        .description("Visitors admitted by the waiting rooms of this node")
        .register(registry);
  }
}
