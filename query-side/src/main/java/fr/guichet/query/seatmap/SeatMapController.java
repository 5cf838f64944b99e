package fr.guichet.query.seatmap;

import fr.guichet.api.query.PlaceAvailability;
import fr.guichet.query.seatmap.AvailabilityChange.Kind;
import fr.guichet.query.support.BadQueryException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seat map for browsers: the static layout (cacheable, ETag), the availability snapshot, and a
 * server-sent stream of changes from the snapshot's version on.
 */
@RestController
@RequestMapping("/api/events/{eventId}")
class SeatMapController {

  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final int MAX_PLACES_ASKED = 500;
  private static final ServerSentEvent<String> END_OF_STREAM =
      ServerSentEvent.<String>builder().comment("end").build();

  /** How many recent changes keep their encoded JSON (shared by every subscriber). */
  static final int ENCODED_CHANGES = 4096;

  private final AvailabilityBoard board;
  private final JsonMapper json;
  private final Map<String, Encoded> encoded = new ConcurrentHashMap<>();

  /**
   * The JSON of recent changes: a change goes out to every subscriber of its event, and is encoded
   * once for all of them rather than once per stream.
   */
  private final Map<AvailabilityChange, String> encodedChanges =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<AvailabilityChange, String> eldest) {
              return size() > ENCODED_CHANGES;
            }
          });

  /** A snapshot and its JSON, encoded once per version however many browsers ask for it. */
  private record Encoded(AvailabilitySnapshot snapshot, byte[] json) {}

  /** A layout and its JSON. */
  private record EncodedLayout(SeatMapLayout layout, byte[] json) {}

  private final Map<String, EncodedLayout> encodedLayouts = new ConcurrentHashMap<>();

  SeatMapController(AvailabilityBoard board, JsonMapper json) {
    this.board = board;
    this.json = json;
  }

  @GetMapping(path = "/seat-map", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<byte[]>> layout(
      @PathVariable String eventId,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    return board
        .find(eventId)
        .map(
            live -> {
              String etag = SeatMapLayout.etag(eventId, live.layoutVersion());
              if (etag.equals(ifNoneMatch)) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).<byte[]>build();
              }
              return ResponseEntity.ok()
                  .eTag(etag)
                  .cacheControl(CacheControl.noCache().cachePublic())
                  .contentType(MediaType.APPLICATION_JSON)
                  .body(encode(live.layout()));
            });
  }

  /**
   * The layout's JSON, encoded once per layout: at an onsale every new visitor loads it (tens of
   * thousands of times for one unchanged layout of up to 50,000 places), and encoding it each time
   * was the platform's largest single cost in the onsale profile (bench/README.md, session 6).
   */
  private byte[] encode(SeatMapLayout layout) {
    EncodedLayout known = encodedLayouts.get(layout.eventId());
    if (known != null && known.layout() == layout) {
      return known.json();
    }
    EncodedLayout fresh = new EncodedLayout(layout, json.writeValueAsBytes(layout));
    encodedLayouts.put(layout.eventId(), fresh);
    return fresh.json();
  }

  @GetMapping(path = "/availability", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<byte[]>> snapshot(
      @PathVariable String eventId,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    return board
        .find(eventId)
        .map(
            live -> {
              AvailabilitySnapshot snapshot = live.snapshot();
              if (snapshot.etag().equals(ifNoneMatch)) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(snapshot.etag())
                    .<byte[]>build();
              }
              return ResponseEntity.ok()
                  .eTag(snapshot.etag())
                  .cacheControl(CacheControl.noCache())
                  .contentType(MediaType.APPLICATION_JSON)
                  .body(encode(snapshot));
            });
  }

  private byte[] encode(AvailabilitySnapshot snapshot) {
    Encoded known = encoded.get(snapshot.eventId());
    if (known != null && known.snapshot() == snapshot) {
      return known.json();
    }
    Encoded fresh = new Encoded(snapshot, json.writeValueAsBytes(snapshot));
    encoded.put(snapshot.eventId(), fresh);
    return fresh.json();
  }

  @GetMapping("/availability/places")
  Mono<PlaceAvailability> places(@PathVariable String eventId, @RequestParam String ids) {
    List<String> placeIds = Arrays.stream(ids.split(",")).map(String::trim).toList();
    if (placeIds.size() > MAX_PLACES_ASKED) {
      throw new BadQueryException(
          "too-many-places", "Ask for at most " + MAX_PLACES_ASKED + " places at once.");
    }
    return board.find(eventId).map(live -> live.statesOf(placeIds));
  }

  /**
   * Changes after {@code fromVersion} (or the {@code Last-Event-ID} a reconnecting EventSource
   * sends), each with its version as SSE id, then live ones. A {@code reload} event means: fetch
   * the layout and snapshot again, then resume from the new snapshot's version.
   */
  @GetMapping(path = "/availability/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> changes(
      @PathVariable String eventId,
      @RequestParam(required = false) Long fromVersion,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    Long from = fromVersion != null ? fromVersion : parse(lastEventId);
    return board
        .find(eventId)
        .map(
            live -> {
              Flux<ServerSentEvent<String>> changes =
                  live.changesAfter(from == null ? live.version() : from)
                      .takeUntil(change -> change.kind() == Kind.RELOAD)
                      .map(this::toSse);
              Flux<ServerSentEvent<String>> heartbeats =
                  Flux.interval(Duration.ZERO, HEARTBEAT)
                      .map(tick -> ServerSentEvent.<String>builder().comment("").build());
              return ResponseEntity.ok()
                  .contentType(MediaType.TEXT_EVENT_STREAM)
                  .body(
                      Flux.merge(changes.concatWithValues(END_OF_STREAM), heartbeats)
                          .takeWhile(sse -> sse != END_OF_STREAM));
            });
  }

  /** The change as an SSE whose data is the change's JSON, written as is. */
  private ServerSentEvent<String> toSse(AvailabilityChange change) {
    String data = encodedChanges.get(change);
    if (data == null) {
      data = json.writeValueAsString(change);
      encodedChanges.put(change, data);
    }
    return ServerSentEvent.builder(data)
        .id(Long.toString(change.version()))
        .event(change.kind() == Kind.RELOAD ? "reload" : "change")
        .build();
  }

  private static Long parse(String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(lastEventId.trim());
    } catch (NumberFormatException e) {
      throw new BadQueryException("invalid-version", "Last-Event-ID must be a version number.");
    }
  }
}
