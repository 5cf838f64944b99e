package fr.guichet.command.ticket;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.api.ticket.IssuedTicket;
import fr.guichet.command.order.CheckOrderBuyerCommand;
import fr.guichet.command.ticket.PlaceNames.PlaceName;
import fr.guichet.command.ticket.TicketCodes.TicketClaim;
import fr.guichet.command.ticket.TicketCommands.Admission;
import fr.guichet.command.ticket.TicketCommands.AdmitTicketCommand;
import fr.guichet.command.ticket.TicketCommands.ChangeTicketHolderCommand;
import fr.guichet.command.ticket.TicketCommands.DescribeTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import fr.guichet.command.ticket.TicketSigningKeys.EventTicketKeys;
import fr.guichet.command.ticket.TicketSigningKeys.PublishedKey;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Door check-in: a ticket's signature is checked, then the ticket is admitted at most once. */
@RestController
@Tag(name = "Tickets", description = "Door check-in, signing keys, tickets of an order")
class CheckInController {

  private static final Logger log = LoggerFactory.getLogger(CheckInController.class);

  private final CommandSender sender;
  private final TicketCodes codes;
  private final TicketSigningKeys keys;
  private final EventStore eventStore;
  private final PlaceNames placeNames;

  CheckInController(
      CommandSender sender,
      TicketCodes codes,
      TicketSigningKeys keys,
      EventStore eventStore,
      PlaceNames placeNames) {
    this.sender = sender;
    this.codes = codes;
    this.keys = keys;
    this.eventStore = eventStore;
    this.placeNames = placeNames;
  }

  record CheckInRequest(@NotBlank @Size(max = 1000) String code, @Size(max = 60) String door) {}

  /**
   * The door's verdict.
   *
   * @param status ADMITTED, ALREADY_ADMITTED, REVOKED, SUPERSEDED, OTHER_EVENT or INVALID
   * @param place the place as the seating plan names it (section, row and seat, or standing zone
   *     and number), for the scanner to show in its language; null when the plan does not name it
   */
  record CheckInResult(
      boolean admitted,
      String status,
      String message,
      String ticketId,
      String placeId,
      PlaceName place,
      String categoryName,
      String holderName,
      Instant firstAdmittedAt,
      String firstDoor) {}

  record TicketView(
      String ticketId,
      int number,
      String placeId,
      String categoryName,
      long priceCents,
      int issueNumber,
      String holderName,
      String code) {}

  @PostMapping("/api/events/{eventId}/check-ins")
  @Operation(summary = "Scan a ticket at a door (role DOOR): admitted once, refused after")
  Mono<CheckInResult> checkIn(
      @PathVariable String eventId,
      @Valid @RequestBody CheckInRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.DOOR);
    String door = body.door() == null || body.door().isBlank() ? actor.id() : body.door();
    Optional<TicketClaim> claim = codes.verify(body.code(), eventId);
    if (claim.isEmpty() && codes.namesAnotherEvent(body.code(), eventId)) {
      log.warn("Door {} of event {} scanned a code naming another event", door, eventId);
      return Mono.just(
          new CheckInResult(
              false,
              "OTHER_EVENT",
              "Billet d'un autre spectacle / ticket for another event",
              null,
              null,
              null,
              null,
              null,
              null,
              null));
    }
    if (claim.isEmpty()) {
      log.warn("Door {} of event {} scanned an invalid ticket code", door, eventId);
      return Mono.just(
          new CheckInResult(
              false,
              "INVALID",
              "Billet invalide / invalid ticket",
              null,
              null,
              null,
              null,
              null,
              null,
              null));
    }
    TicketClaim c = claim.get();
    return sender
        .<Admission>send(
            new AdmitTicketCommand(c.orderId(), c.number(), c.issueNumber(), eventId, door),
            actor,
            request)
        .publishOn(Schedulers.boundedElastic())
        .map(admission -> result(admission, placeName(eventId, admission.placeId())))
        .onErrorResume(
            e -> {
              log.warn("Door {}: signed ticket {}/{} unknown here", door, c.orderId(), c.number());
              return Mono.just(
                  new CheckInResult(
                      false,
                      "INVALID",
                      "Billet inconnu / unknown ticket",
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null));
            });
  }

  /**
   * The place's name in the Event's seating plan (reads the event store: not on an event loop). The
   * admission is already recorded: a failure here shows the place id, never a wrong verdict.
   */
  private PlaceName placeName(String eventId, String placeId) {
    if (placeId == null) {
      return null;
    }
    try {
      return placeNames.of(eventId, List.of(placeId)).get(placeId);
    } catch (RuntimeException e) {
      log.warn("No name for place {} of event {}: {}", placeId, eventId, e.toString());
      return null;
    }
  }

  private static CheckInResult result(Admission a, PlaceName place) {
    String status = a.admitted() ? "ADMITTED" : a.refusal().name();
    String message =
        switch (status) {
          case "ADMITTED" -> "Entrée autorisée / admitted";
          case "ALREADY_ADMITTED" ->
              "Déjà entré le "
                  + a.firstAdmittedAt()
                  + " par "
                  + a.firstDoor()
                  + " / already admitted";
          case "REVOKED" -> "Billet annulé / ticket revoked";
          case "SUPERSEDED" -> "Billet remplacé par une réédition / reissued ticket";
          default -> "Billet d'un autre spectacle / ticket for another event";
        };
    return new CheckInResult(
        a.admitted(),
        status,
        message,
        a.ticketId(),
        a.placeId(),
        place,
        a.categoryName(),
        a.holderName(),
        a.firstAdmittedAt(),
        a.firstDoor());
  }

  @GetMapping("/api/tickets/signing-keys")
  @Operation(
      summary =
          "The former platform-wide public keys, which still verify tickets issued before"
              + " per-event keys (Ed25519, X.509 base64); an event's own key is under"
              + " /api/events/{eventId}/ticket-key")
  List<PublishedKey> signingKeys() {
    return keys.platformPublished();
  }

  @GetMapping("/api/events/{eventId}/ticket-key")
  @Operation(
      summary =
          "The public keys a door scanner of this event verifies its tickets with offline: the"
              + " event's own Ed25519 key, its retired keys and the former platform keys (X.509"
              + " base64, by key id); 404 for an unknown event")
  Mono<EventTicketKeys> ticketKey(@PathVariable String eventId) {
    return Mono.fromCallable(() -> eventCreated(eventId))
        .subscribeOn(Schedulers.boundedElastic())
        .map(
            created -> {
              if (created.isEmpty()) {
                throw new CommandRejectedException(
                    Rejection.notFound("unknown-event", "No event " + eventId + "."));
              }
              return keys.forEvent(eventId);
            });
  }

  @GetMapping("/api/orders/{orderId}/tickets")
  @Operation(
      summary =
          "The tickets of an order with their codes: its buyer (none until the payment is"
              + " confirmed), or a manager (box office reprint); another buyer's order is 404")
  Mono<List<TicketView>> tickets(@PathVariable String orderId, ServerHttpRequest request) {
    Actor actor = Actor.from(request);
    return buyerOrManager(orderId, actor, request)
        .then(
            sender
                .<IssuedTickets>send(new DescribeTicketsCommand(orderId), actor, request)
                .map(issued -> views(orderId, issued))
                .onErrorResume(AggregateNotFoundException.class, e -> Mono.just(List.of())));
  }

  @GetMapping(
      value = "/api/orders/{orderId}/tickets.pdf",
      produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(
      summary =
          "The tickets of an order as a PDF, one page per ticket with its QR code (its buyer or a"
              + " manager); 404 until they are issued; lang=fr (default) or en")
  Mono<ResponseEntity<byte[]>> ticketsPdf(
      @PathVariable String orderId,
      @RequestParam(name = "lang", defaultValue = "fr") String language,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request);
    return buyerOrManager(orderId, actor, request)
        .then(sender.<IssuedTickets>send(new DescribeTicketsCommand(orderId), actor, request))
        .filter(issued -> !issued.tickets().isEmpty())
        .switchIfEmpty(Mono.error(() -> noTicketsYet(orderId)))
        .onErrorMap(AggregateNotFoundException.class, e -> noTicketsYet(orderId))
        .publishOn(Schedulers.boundedElastic())
        .map(
            issued -> {
              Optional<EventCreatedEvent> event = eventCreated(issued.eventId());
              Map<String, PlaceName> names =
                  placeNames.of(
                      issued.eventId(),
                      issued.tickets().stream().map(IssuedTicket::placeId).toList());
              List<TicketPdf.Page> pages =
                  issued.tickets().stream()
                      .map(
                          t ->
                              new TicketPdf.Page(
                                  event.map(EventCreatedEvent::title).orElse(null),
                                  event.map(EventCreatedEvent::venue).orElse(null),
                                  event.map(EventCreatedEvent::startsAt).orElse(null),
                                  t.placeId(),
                                  names.get(t.placeId()),
                                  t.categoryName(),
                                  t.holderName() != null ? t.holderName() : issued.holderName(),
                                  t.priceCents(),
                                  t.ticketId(),
                                  t.issueNumber(),
                                  codes.sign(
                                      orderId, t.number(), t.issueNumber(), issued.eventId())))
                      .toList();
              byte[] pdf = TicketPdf.render(pages, "en".equalsIgnoreCase(language) ? "en" : "fr");
              return ResponseEntity.ok()
                  .contentType(MediaType.APPLICATION_PDF)
                  .header(
                      HttpHeaders.CONTENT_DISPOSITION,
                      ContentDisposition.attachment()
                          .filename("billets-" + orderId + ".pdf")
                          .build()
                          .toString())
                  .body(pdf);
            });
  }

  /** Lets the order's buyer or a manager through; anyone else learns nothing (404). */
  private Mono<Void> buyerOrManager(String orderId, Actor actor, ServerHttpRequest request) {
    return actor.role() == Role.MANAGER
        ? Mono.empty()
        : sender
            .<String>send(new CheckOrderBuyerCommand(orderId, actor.id()), actor, request)
            .then();
  }

  private static CommandRejectedException noTicketsYet(String orderId) {
    return new CommandRejectedException(
        Rejection.notFound("no-tickets-yet", "Order " + orderId + " has no tickets (yet)."));
  }

  /** The event's title, venue and date as created (its first event; snapshots skipped). */
  private Optional<EventCreatedEvent> eventCreated(String eventId) {
    DomainEventStream stream = eventStore.readEvents(eventId, 0);
    if (stream.hasNext() && stream.next().getPayload() instanceof EventCreatedEvent created) {
      return Optional.of(created);
    }
    return Optional.empty();
  }

  private List<TicketView> views(String orderId, IssuedTickets issued) {
    return issued.tickets().stream()
        .map(
            t ->
                new TicketView(
                    t.ticketId(),
                    t.number(),
                    t.placeId(),
                    t.categoryName(),
                    t.priceCents(),
                    t.issueNumber(),
                    t.holderName() != null ? t.holderName() : issued.holderName(),
                    codes.sign(orderId, t.number(), t.issueNumber(), issued.eventId())))
        .toList();
  }

  record HolderChange(
      @NotBlank @Size(max = 120) String holderName, @Size(max = 500) String reason) {}

  @PutMapping("/api/orders/{orderId}/tickets/{number}/holder")
  @Operation(
      summary =
          "Name another holder on a ticket: its buyer once per ticket, the box office (manager)"
              + " beyond that with a reason. The ticket is reissued: its former code stops"
              + " working. Another buyer's order is 404.")
  Mono<TicketView> changeHolder(
      @PathVariable String orderId,
      @PathVariable int number,
      @Valid @RequestBody HolderChange body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request);
    if (actor.role() != Role.MANAGER && actor.role() != Role.SPECTATOR) {
      throw new CommandRejectedException(
          Rejection.forbidden(
              "role-required", "Only a ticket's buyer or the box office renames it."));
    }
    boolean boxOffice = actor.role() == Role.MANAGER;
    return buyerOrManager(orderId, actor, request)
        .then(
            sender.<IssuedTicket>send(
                new ChangeTicketHolderCommand(
                    orderId, number, body.holderName(), actor.id(), boxOffice, body.reason()),
                actor,
                request))
        .zipWith(sender.<IssuedTickets>send(new DescribeTicketsCommand(orderId), actor, request))
        .map(
            both ->
                new TicketView(
                    both.getT1().ticketId(),
                    both.getT1().number(),
                    both.getT1().placeId(),
                    both.getT1().categoryName(),
                    both.getT1().priceCents(),
                    both.getT1().issueNumber(),
                    both.getT1().holderName(),
                    codes.sign(
                        orderId,
                        both.getT1().number(),
                        both.getT1().issueNumber(),
                        both.getT2().eventId())));
  }

  @GetMapping(value = "/api/tickets/qr", produces = MediaType.IMAGE_PNG_VALUE)
  @Operation(summary = "A QR code PNG for a ticket code (no lookup: renders what it is given)")
  ResponseEntity<byte[]> qr(@org.springframework.web.bind.annotation.RequestParam String code) {
    if (code.length() > 1000) {
      return ResponseEntity.badRequest().build();
    }
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrCodes.png(code, 320));
  }
}
