package fr.guichet.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentMethod;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentRecordedEvent;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficeRefundDueEvent;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficeRefundReason;
import fr.guichet.api.order.OrderDomainEvent.OrderCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPaidAfterExpiryEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPlacesCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderSaleCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.TicketHolder;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricingFailedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.OrderStatus;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.event.OrderOpening;
import fr.guichet.command.order.OrderCommands.AcceptLatePaymentCommand;
import fr.guichet.command.order.OrderCommands.CancelOrderCommand;
import fr.guichet.command.order.OrderCommands.CancelSoldOrderCommand;
import fr.guichet.command.order.OrderCommands.ChooseRatesCommand;
import fr.guichet.command.order.OrderCommands.ConfirmOrderCommand;
import fr.guichet.command.order.OrderCommands.DescribeRateOptionsCommand;
import fr.guichet.command.order.OrderCommands.ExpireOrderCommand;
import fr.guichet.command.order.OrderCommands.RecordPaymentAfterExpiryCommand;
import fr.guichet.command.pricing.OrderPricing;
import fr.guichet.command.pricing.OrderPricing.PricedOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A buyer's order. Its lifecycle follows what its Event decided about the places (held, sold,
 * released, expired): every command here is idempotent, because the process that sends them
 * delivers at least once.
 */
@Aggregate
class Order {

  @AggregateIdentifier private String orderId;
  private String eventId;
  private OrderStatus status;
  private final Set<String> latePayments = new HashSet<>();
  private String customerId;
  private PricingContext pricingContext;
  private boolean pricingFailed;
  private List<PricedTicket> pricedTickets = List.of();
  private long totalCents;
  private BoxOfficePaymentRecordedEvent boxOfficePayment;
  private List<String> placeIds = List.of();
  private String confirmedWith;
  private final Set<String> cancelledPlaces = new HashSet<>();
  private final Map<String, PlacesCancellation> cancellations = new LinkedHashMap<>();
  private final Set<String> boxOfficeRefunds = new HashSet<>();
  private static final String BOX_OFFICE_CURRENCY = "EUR";
  private static final int MAX_NAME = 120;
  private static final int MAX_EMAIL = 200;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  Order() {}

  /**
   * The order of a hold its Event has just granted, priced at full rate: created in the Event's
   * unit of work ({@link PricedOrderOpening}).
   */
  Order(OrderOpening.NewOrder order, PricingContext basket, PricedOrder price) {
    apply(
        new OrderCreatedEvent(
            order.orderId(),
            order.eventId(),
            order.customerId(),
            order.placeIds(),
            order.heldUntil()));
    // Events applied in a constructor reach the event sourcing handlers only after it returns:
    // the fields are not set yet, so the ids come from the new order itself.
    apply(priced(order.orderId(), order.eventId(), price, Reason.ORDER_CREATED, basket));
  }

  @CommandHandler
  void handle(ConfirmOrderCommand command) {
    if (status == OrderStatus.AWAITING_PAYMENT) {
      apply(new OrderConfirmedEvent(orderId, eventId, command.paymentReference()));
      refundCounterPaymentThatLost(command.paymentReference());
    }
  }

  @CommandHandler
  void handle(AcceptLatePaymentCommand command) {
    if (status == OrderStatus.AWAITING_PAYMENT || status == OrderStatus.EXPIRED) {
      apply(new OrderConfirmedEvent(orderId, eventId, command.paymentReference()));
      refundCounterPaymentThatLost(command.paymentReference());
    }
  }

  /**
   * The box office took the money at its counter while a bank payment of this order bought its
   * places first (the Event sold them to the bank's): the counter's payment lost the race and goes
   * back at the cash desk, recorded here.
   */
  private void refundCounterPaymentThatLost(String soldWith) {
    if (boxOfficePayment != null && !BoxOfficeSale.isReference(orderId, soldWith)) {
      String refundId = boxOfficeReference(orderId) + ":refund:duplicate";
      if (boxOfficeRefunds.add(refundId)) {
        apply(
            new BoxOfficeRefundDueEvent(
                orderId,
                eventId,
                refundId,
                boxOfficePayment.amountCents(),
                boxOfficePayment.currency(),
                boxOfficePayment.method(),
                BoxOfficeRefundReason.DUPLICATE_PAYMENT,
                List.of(),
                "system",
                "The order was paid by " + soldWith + " before the counter's payment."));
      }
    }
  }

  /**
   * A manager cancelled some places of this confirmed order (its Event freed them): what they were
   * paid, by the order's recorded pricing, is given back; with no place left the order is
   * cancelled. An order paid at the box office's counter records the refund the cash desk owes.
   * Refused without change: places the order never had, places already cancelled, an order not
   * confirmed. The same {@code cancellationId} again answers the first result.
   */
  @CommandHandler
  PlacesCancellation handle(CancelOrderPlacesCommand command) {
    PlacesCancellation done = cancellations.get(command.cancellationId());
    if (done != null) {
      return done;
    }
    if (command.cancellationId() == null || command.cancellationId().isBlank()) {
      throw new CommandRejectedException(
          Rejection.invalid("cancellation-id", "A cancellation needs its request's id."));
    }
    if (command.placeIds() == null || command.placeIds().isEmpty()) {
      throw new CommandRejectedException(
          Rejection.invalid("places", "List at least one place to cancel."));
    }
    List<String> requested = List.copyOf(new LinkedHashSet<>(command.placeIds()));
    List<String> notInOrder = requested.stream().filter(id -> !placeIds.contains(id)).toList();
    if (!notInOrder.isEmpty()) {
      throw new CommandRejectedException(
          new Rejection(
              Rejection.Kind.RULE,
              "places-not-in-order",
              "Order " + orderId + " has no place " + String.join(", ", notInOrder) + ".",
              notInOrder));
    }
    List<String> already = requested.stream().filter(cancelledPlaces::contains).toList();
    if (!already.isEmpty() || status == OrderStatus.CANCELLED) {
      throw new CommandRejectedException(
          Rejection.conflict(
              "places-already-cancelled",
              "Already cancelled: "
                  + String.join(", ", already.isEmpty() ? requested : already)
                  + ".",
              already.isEmpty() ? requested : already));
    }
    if (status != OrderStatus.CONFIRMED) {
      throw new CommandRejectedException(
          Rejection.rule(
              "not-sold",
              "Only the places of a paid order can be cancelled; this one is " + status + "."));
    }
    requirePriced();
    Map<String, Long> paid = new HashMap<>();
    pricedTickets.forEach(t -> paid.put(t.placeId(), t.finalCents()));
    long refund = requested.stream().mapToLong(id -> paid.getOrDefault(id, 0L)).sum();
    List<String> remaining =
        placeIds.stream()
            .filter(id -> !cancelledPlaces.contains(id) && !requested.contains(id))
            .toList();
    long remainingCents = remaining.stream().mapToLong(id -> paid.getOrDefault(id, 0L)).sum();
    apply(
        new OrderPlacesCancelledEvent(
            orderId,
            eventId,
            command.cancellationId(),
            requested,
            refund,
            remaining,
            remainingCents,
            command.reason(),
            command.cancelledBy()));
    if (boxOfficePayment != null && BoxOfficeSale.isReference(orderId, confirmedWith)) {
      apply(
          new BoxOfficeRefundDueEvent(
              orderId,
              eventId,
              boxOfficeRefundId(command.cancellationId()),
              refund,
              boxOfficePayment.currency(),
              boxOfficePayment.method(),
              BoxOfficeRefundReason.PLACES_CANCELLED,
              requested,
              command.cancelledBy(),
              command.reason()));
    }
    if (remaining.isEmpty()) {
      apply(new OrderSaleCancelledEvent(orderId, eventId, command.reason()));
    }
    return cancellations.get(command.cancellationId());
  }

  private String boxOfficeRefundId(String cancellationId) {
    return boxOfficeReference(orderId) + ":refund:" + cancellationId;
  }

  @CommandHandler
  void handle(ExpireOrderCommand command) {
    if (status == OrderStatus.AWAITING_PAYMENT) {
      apply(new OrderExpiredEvent(orderId, eventId));
    }
  }

  @CommandHandler
  void handle(CancelOrderCommand command) {
    if (status == OrderStatus.AWAITING_PAYMENT) {
      apply(new OrderCancelledEvent(orderId, eventId));
    }
  }

  /**
   * The Event cancelled the whole sale: the order is cancelled. Paid at the box office's counter,
   * what its remaining places were paid is recorded as owed by the cash desk.
   */
  @CommandHandler
  void handle(CancelSoldOrderCommand command) {
    if (status == OrderStatus.CONFIRMED) {
      apply(new OrderSaleCancelledEvent(orderId, eventId, command.reason()));
      if (boxOfficePayment != null && BoxOfficeSale.isReference(orderId, confirmedWith)) {
        List<String> remaining =
            placeIds.stream().filter(id -> !cancelledPlaces.contains(id)).toList();
        Map<String, Long> paid = new HashMap<>();
        pricedTickets.forEach(t -> paid.put(t.placeId(), t.finalCents()));
        long owed =
            pricedTickets.isEmpty()
                ? boxOfficePayment.amountCents()
                : remaining.stream().mapToLong(id -> paid.getOrDefault(id, 0L)).sum();
        apply(
            new BoxOfficeRefundDueEvent(
                orderId,
                eventId,
                boxOfficeReference(orderId) + ":refund",
                owed,
                boxOfficePayment.currency(),
                boxOfficePayment.method(),
                BoxOfficeRefundReason.PLACES_CANCELLED,
                remaining,
                command.cancelledBy(),
                command.reason()));
      }
    }
  }

  @CommandHandler
  void handle(RecordPaymentAfterExpiryCommand command) {
    if (status != OrderStatus.CONFIRMED && !latePayments.contains(command.paymentReference())) {
      apply(new OrderPaidAfterExpiryEvent(orderId, eventId, command.paymentReference()));
    }
  }

  @CommandHandler
  long handle(RecordBoxOfficePaymentCommand command) {
    if (status == null || !eventId.equals(command.eventId())) {
      throw new CommandRejectedException(
          Rejection.notFound(
              "unknown-order", "Event " + command.eventId() + " has no order " + orderId + "."));
    }
    if (boxOfficePayment != null) {
      if (boxOfficePayment.method() == command.method()
          && java.util.Objects.equals(
              boxOfficePayment.reference(), blankToNull(command.reference()))) {
        return boxOfficePayment.amountCents();
      }
      throw new CommandRejectedException(
          Rejection.conflict(
              "already-paid-at-box-office",
              "This order's payment was already taken at the box office ("
                  + boxOfficePayment.method()
                  + ", by "
                  + boxOfficePayment.recordedBy()
                  + ").",
              List.of()));
    }
    if (status == OrderStatus.CONFIRMED) {
      throw new CommandRejectedException(
          Rejection.conflict(
              "order-already-paid", "This order is already paid: take no money.", List.of()));
    }
    if (status != OrderStatus.AWAITING_PAYMENT) {
      throw new CommandRejectedException(
          Rejection.conflict(
              "hold-ended",
              "This order's hold ended ("
                  + status
                  + "): its places are not for it any more; take"
                  + " no money.",
              List.of()));
    }
    if (command.method() == null) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "method", "Say how the box office was paid: CASH, CARD_TERMINAL or CHEQUE."));
    }
    if (command.method() != BoxOfficePaymentMethod.CASH
        && blankToNull(command.reference()) == null) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "reference",
              "A "
                  + command.method()
                  + " payment needs its reference (terminal receipt or cheque"
                  + " number)."));
    }
    if (command.recordedBy() == null || command.recordedBy().isBlank()) {
      throw new CommandRejectedException(
          Rejection.invalid("recorded-by", "A box-office payment names the manager who took it."));
    }
    requirePriced();
    if (totalCents <= 0) {
      throw new CommandRejectedException(
          Rejection.rule("nothing-to-pay", "An order is never sold at 0: nothing to pay."));
    }
    String holderName = blankToNull(command.holderName());
    if (holderName != null && holderName.length() > MAX_NAME) {
      throw new CommandRejectedException(
          Rejection.invalid("holder-name", "A holder's name is 1 to " + MAX_NAME + " characters."));
    }
    List<TicketHolder> holders = ticketHolders(command.holders());
    String email = blankToNull(command.email());
    if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
      throw new CommandRejectedException(
          Rejection.invalid("email", "Give the buyer's e-mail address as name@domain."));
    }
    String locale = blankToNull(command.locale());
    if (locale != null && !locale.equals("fr") && !locale.equals("en")) {
      throw new CommandRejectedException(
          Rejection.invalid("locale", "The e-mail is written in fr (default) or en."));
    }
    apply(
        new BoxOfficePaymentRecordedEvent(
            orderId,
            eventId,
            command.method(),
            blankToNull(command.reference()),
            totalCents,
            BOX_OFFICE_CURRENCY,
            blankToNull(command.note()),
            command.recordedBy(),
            holderName,
            holders,
            email,
            email == null ? null : locale == null ? "fr" : locale));
    return totalCents;
  }

  /** The named tickets, trimmed; refuses a place this order does not have, or one named twice. */
  private List<TicketHolder> ticketHolders(List<TicketHolder> requested) {
    if (requested == null || requested.isEmpty()) {
      return List.of();
    }
    Set<String> places = new HashSet<>();
    pricedTickets.forEach(t -> places.add(t.placeId()));
    Set<String> named = new HashSet<>();
    List<TicketHolder> holders = new ArrayList<>();
    for (TicketHolder holder : requested) {
      String placeId = holder == null ? null : blankToNull(holder.placeId());
      String name = holder == null ? null : blankToNull(holder.name());
      if (placeId == null || !places.contains(placeId)) {
        throw new CommandRejectedException(
            new Rejection(
                Rejection.Kind.INVALID,
                "unknown-ticket",
                "This order has no ticket " + placeId + ".",
                placeId == null ? List.of() : List.of(placeId)));
      }
      if (!named.add(placeId)) {
        throw new CommandRejectedException(
            new Rejection(
                Rejection.Kind.INVALID,
                "duplicate-ticket",
                "Ticket " + placeId + " is named twice.",
                List.of(placeId)));
      }
      if (name == null || name.length() > MAX_NAME) {
        throw new CommandRejectedException(
            new Rejection(
                Rejection.Kind.INVALID,
                "holder-name",
                "The holder of " + placeId + " is named with 1 to " + MAX_NAME + " characters.",
                List.of(placeId)));
      }
      holders.add(new TicketHolder(placeId, name));
    }
    return List.copyOf(holders);
  }

  /**
   * What the box office sold, for the order's tickets: its places at their recorded price, each
   * with its named holder.
   */
  @CommandHandler
  BoxOfficeSale handle(DescribeBoxOfficeSaleCommand command) {
    if (boxOfficePayment == null) {
      throw new CommandRejectedException(
          Rejection.notFound(
              "no-box-office-payment",
              "The box office took no payment for order " + command.orderId() + "."));
    }
    Map<String, String> names = new HashMap<>();
    boxOfficePayment.holders().forEach(h -> names.put(h.placeId(), h.name()));
    List<PaidPlace> places =
        paidPlaces().stream()
            .map(p -> names.containsKey(p.placeId()) ? p.withHolder(names.get(p.placeId())) : p)
            .toList();
    return new BoxOfficeSale(
        orderId,
        eventId,
        boxOfficeReference(orderId),
        boxOfficePayment.holderName(),
        boxOfficePayment.email(),
        boxOfficePayment.locale(),
        places);
  }

  /** The reference a box-office payment sells the places with, on the Event and the order. */
  static String boxOfficeReference(String orderId) {
    return BoxOfficeSale.reference(orderId);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  @CommandHandler
  PricedOrder handle(ChooseRatesCommand command, OrderPricing pricing) {
    requireOwner(command.customerId(), command.orderId());
    if (status != OrderStatus.AWAITING_PAYMENT) {
      throw new CommandRejectedException(
          Rejection.rule(
              "order-closed",
              "Rates can be chosen only while the order awaits payment; it is " + status + "."));
    }
    requirePriced();
    PricedOrder priced = pricing.price(pricingContext, command.rates(), now());
    apply(priced(orderId, eventId, priced, Reason.RATES_CHOSEN, pricingContext));
    return priced;
  }

  @CommandHandler
  RateOptions handle(DescribeRateOptionsCommand command, OrderPricing pricing) {
    requireOwner(command.customerId(), command.orderId());
    requirePriced();
    return new RateOptions(
        orderId,
        pricing.currentVersion(),
        pricing.applicableRates(pricingContext).entrySet().stream()
            .map(e -> new RateOptions.TicketRates(e.getKey(), e.getValue()))
            .toList());
  }

  @CommandHandler
  String handle(CheckOrderBuyerCommand command) {
    requireOwner(command.customerId(), command.orderId());
    return eventId;
  }

  @CommandHandler
  PaymentTerms handle(PreparePaymentCommand command) {
    requireOwner(command.customerId(), command.orderId());
    if (status != OrderStatus.AWAITING_PAYMENT) {
      throw new CommandRejectedException(
          Rejection.rule(
              "order-not-awaiting-payment",
              "This order cannot be paid: it is " + status + ", not awaiting payment."));
    }
    requirePriced();
    return new PaymentTerms(orderId, eventId, customerId, totalCents, paidPlaces());
  }

  /** The order's places at their recorded price. */
  private List<PaidPlace> paidPlaces() {
    return pricedTickets.stream()
        .map(
            t ->
                new PaidPlace(
                    t.placeId(),
                    t.category(),
                    categoryName(t.placeId(), t.category()),
                    t.tier(),
                    t.baseCents(),
                    t.discountCents(),
                    t.finalCents(),
                    t.rate() == null ? "FULL" : t.rate().name()))
        .toList();
  }

  private String categoryName(String placeId, String category) {
    return pricingContext.places().stream()
        .filter(p -> p.placeId().equals(placeId))
        .map(PricingContext.PlacePricing::categoryName)
        .filter(name -> name != null)
        .findFirst()
        .orElse(category);
  }

  private static OrderPricedEvent priced(
      String orderId, String eventId, PricedOrder priced, Reason reason, PricingContext context) {
    return new OrderPricedEvent(
        orderId,
        eventId,
        reason,
        priced.ruleSetId(),
        priced.ruleSetVersion(),
        priced.ruleSetHash(),
        priced.tickets(),
        priced.totalCents(),
        context);
  }

  private static Instant now() {
    return GenericEventMessage.clock.instant();
  }

  @EventSourcingHandler
  void on(OrderPricedEvent event) {
    pricingContext = event.context();
    pricedTickets = event.tickets();
    totalCents = event.totalCents();
  }

  @EventSourcingHandler
  void on(OrderPricingFailedEvent event) {
    pricingFailed = true;
  }

  @EventSourcingHandler
  void on(OrderCreatedEvent event) {
    orderId = event.orderId();
    eventId = event.eventId();
    customerId = event.customerId();
    placeIds = List.copyOf(event.placeIds());
    status = OrderStatus.AWAITING_PAYMENT;
  }

  @EventSourcingHandler
  void on(OrderConfirmedEvent event) {
    status = OrderStatus.CONFIRMED;
    confirmedWith = event.paymentReference();
  }

  @EventSourcingHandler
  void on(OrderPlacesCancelledEvent event) {
    cancelledPlaces.addAll(event.placeIds());
    boolean atCounter =
        boxOfficePayment != null && BoxOfficeSale.isReference(orderId, confirmedWith);
    cancellations.put(
        event.cancellationId(),
        new PlacesCancellation(
            orderId,
            eventId,
            event.cancellationId(),
            event.placeIds(),
            event.refundCents(),
            event.remainingPlaceIds(),
            event.remainingCents(),
            event.remainingPlaceIds().isEmpty(),
            atCounter ? boxOfficeRefundId(event.cancellationId()) : null));
  }

  @EventSourcingHandler
  void on(BoxOfficeRefundDueEvent event) {
    boxOfficeRefunds.add(event.refundId());
  }

  @EventSourcingHandler
  void on(OrderExpiredEvent event) {
    status = OrderStatus.EXPIRED;
  }

  @EventSourcingHandler
  void on(OrderCancelledEvent event) {
    status = OrderStatus.CANCELLED;
  }

  @EventSourcingHandler
  void on(OrderSaleCancelledEvent event) {
    status = OrderStatus.CANCELLED;
  }

  @EventSourcingHandler
  void on(BoxOfficePaymentRecordedEvent event) {
    boxOfficePayment = event;
  }

  @EventSourcingHandler
  void on(OrderPaidAfterExpiryEvent event) {
    latePayments.add(event.paymentReference());
  }

  private void requireOwner(String requester, String requestedOrderId) {
    if (customerId == null || !customerId.equals(requester)) {
      throw new CommandRejectedException(
          Rejection.notFound("unknown-order", "You have no order " + requestedOrderId + "."));
    }
  }

  private void requirePriced() {
    if (pricingContext == null) {
      throw new CommandRejectedException(
          Rejection.rule(
              pricingFailed ? "order-not-priceable" : "order-not-priced-yet",
              pricingFailed
                  ? "This order could not be priced; its places were released."
                  : "This order is still being priced; try again in a moment."));
    }
  }
}
