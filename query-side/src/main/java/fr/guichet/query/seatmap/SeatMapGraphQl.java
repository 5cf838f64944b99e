package fr.guichet.query.seatmap;

import fr.guichet.api.query.PlaceState;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The seat map, its availability and its live changes over GraphQL, from the hot board. */
@Controller
class SeatMapGraphQl {

  private final AvailabilityBoard board;

  SeatMapGraphQl(AvailabilityBoard board) {
    this.board = board;
  }

  @QueryMapping
  Mono<SeatMapLayout> seatMap(@Argument String eventId) {
    return board.find(eventId).map(LiveAvailability::layout);
  }

  @SchemaMapping(typeName = "SeatMap", field = "etag")
  String etag(SeatMapLayout layout) {
    return layout.etag();
  }

  @QueryMapping
  Mono<AvailabilitySnapshot> availability(@Argument String eventId) {
    return board.find(eventId).map(LiveAvailability::snapshot);
  }

  @SchemaMapping(typeName = "Availability", field = "free")
  int free(AvailabilitySnapshot snapshot) {
    return snapshot.counts().get(PlaceState.FREE);
  }

  @SchemaMapping(typeName = "Availability", field = "held")
  int held(AvailabilitySnapshot snapshot) {
    return snapshot.counts().get(PlaceState.HELD);
  }

  @SchemaMapping(typeName = "Availability", field = "sold")
  int sold(AvailabilitySnapshot snapshot) {
    return snapshot.counts().get(PlaceState.SOLD);
  }

  @SchemaMapping(typeName = "Availability", field = "blocked")
  int blocked(AvailabilitySnapshot snapshot) {
    return snapshot.counts().get(PlaceState.BLOCKED);
  }

  @SubscriptionMapping
  Flux<AvailabilityChange> availabilityChanges(
      @Argument String eventId, @Argument Integer fromVersion) {
    return board
        .find(eventId)
        .flatMapMany(
            live ->
                live.changesAfter(fromVersion == null ? live.version() : fromVersion)
                    .takeUntil(change -> change.kind() == AvailabilityChange.Kind.RELOAD));
  }
}
