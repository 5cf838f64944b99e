package fr.guichet.command.event;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.event.EventCommand.ApproveSalesCommand;
import fr.guichet.api.event.EventCommand.BlockPlacesCommand;
import fr.guichet.api.event.EventCommand.CancelSaleCommand;
import fr.guichet.api.event.EventCommand.CancelSoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ChangeEventDetailsCommand;
import fr.guichet.api.event.EventCommand.CloseSalesCommand;
import fr.guichet.api.event.EventCommand.ConfigureSeatingPlanCommand;
import fr.guichet.api.event.EventCommand.CreateEventCommand;
import fr.guichet.api.event.EventCommand.ExpireOverdueHoldsCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.JoinWaitingListCommand;
import fr.guichet.api.event.EventCommand.LeaveWaitingListCommand;
import fr.guichet.api.event.EventCommand.OpenSalesCommand;
import fr.guichet.api.event.EventCommand.PauseSalesCommand;
import fr.guichet.api.event.EventCommand.RejectSalesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventCommand.RequestSalesApprovalCommand;
import fr.guichet.api.event.EventCommand.ResumeSalesCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.EventCommand.SetSalesLimitsCommand;
import fr.guichet.api.event.EventCommand.UnblockPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.EventDetailsChangedEvent;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepScheduledEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepsStoppedEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.LatePaymentAcceptedEvent;
import fr.guichet.api.event.EventDomainEvent.PaymentAfterHoldEndedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.PurchaseCap;
import fr.guichet.api.event.EventDomainEvent.PurchaseCapExceededEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovalRequestedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesClosedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesLimitsSetEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpeningScheduledEvent;
import fr.guichet.api.event.EventDomainEvent.SalesPausedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesRejectedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesResumedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListExit;
import fr.guichet.api.event.EventDomainEvent.WaitingListJoinedEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListLeftEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListOfferMadeEvent;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.SalesLimits;
import fr.guichet.api.event.SalesState;
import fr.guichet.api.event.WaitingListPlace;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.PricingContext.PlacePricing;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.event.PlaceInventory.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One performance and the single source of truth for its places. Every rule that decides who may
 * have a place is checked here, against this aggregate's own state, never against a read model.
 * Rejections throw {@link CommandRejectedException}; nothing is applied then.
 */
@Aggregate(cache = "eventAggregateCache", lockFactory = "eventLockFactory")
class Event {

  /**
   * The deadline of one hold, keyed on its order id: holds stored before ADR 0707 still have one
   * (their {@code expiryDeadlineId}); new holds are ended by the {@link #HOLD_EXPIRY_SWEEP}.
   */
  static final String HOLD_EXPIRY = "hold-expiry";

  /** The Event's one pending deadline that expires every hold due when it fires (ADR 0707). */
  static final String HOLD_EXPIRY_SWEEP = "hold-expiry-sweep";

  /**
   * Sweeps are at least this far apart: a steady stream of holds costs at most about one deadline
   * per second, and a hold may be expired by the sweep up to this much after its {@code heldUntil}
   * (commands see it expired on time: the expiry time is state).
   */
  static final Duration SWEEP_GAP = Duration.ofSeconds(1);

  /**
   * How late a hold may be before the watchdog's {@link ExpireOverdueHoldsCommand} ends it: well
   * beyond the sweep's own lateness (its gap, the scheduler's polling, a retry), so that it only
   * acts when the sweep did not.
   */
  static final Duration OVERDUE_GRACE = Duration.ofSeconds(10);

  static final String SALES_OPENING = "sales-opening";
  private static final int MAX_TITLE = 200;
  private static final int MAX_REASON = 500;

  @AggregateIdentifier private String eventId;
  private SalesState salesState;
  private SalesLimits limits = SalesLimits.DEFAULT;
  private PlaceInventory inventory;
  private Instant scheduledOpening;
  private final Map<String, Hold> holds = new HashMap<>();
  private final TreeMap<Instant, Set<String>> activeHoldsByExpiry = new TreeMap<>();

  /** When the pending expiry sweep is due; null when none was scheduled or sweeps stopped. */
  private Instant expirySweepAt;

  private final Map<String, Integer> placesByCustomer = new HashMap<>();
  private final Set<String> latePayments = new HashSet<>();
  private final Set<String> capRefusals = new HashSet<>();
  private final Set<String> placeCancellations = new HashSet<>();
  private final Map<String, Integer> placesByCard = new HashMap<>();
  private final Map<String, Integer> placesByMailbox = new HashMap<>();
  private Map<String, PriceCategory> categories = Map.of();
  private Instant salesOpenedAt;
  private boolean awaitingApproval;
  private String pauseReason;

  /** The buyers waiting for places to come back, in the order they joined, by customer. */
  private final LinkedHashMap<String, WaitingEntry> waitingList = new LinkedHashMap<>();

  /** Every waiting-list entry by its order id, to answer retries and keep order ids apart. */
  private final Map<String, WaitingEntry> waitingEntries = new HashMap<>();

  /** Each buyer's latest waiting-list entry, waiting or not. */
  private final Map<String, WaitingEntry> latestWaitingEntry = new HashMap<>();

  Event() {}

  @CommandHandler
  Event(CreateEventCommand command) {
    require(notBlank(command.eventId()), Rejection.invalid("event-id", "An event id is required."));
    requireValidDetails(command.title(), command.venue(), command.startsAt());
    apply(
        new EventCreatedEvent(
            command.eventId(),
            command.title().strip(),
            command.venue().strip(),
            command.startsAt(),
            command.description() == null ? "" : command.description().strip()));
  }

  @CommandHandler
  void handle(ChangeEventDetailsCommand command) {
    requireNotClosed();
    requireValidDetails(command.title(), command.venue(), command.startsAt());
    apply(
        new EventDetailsChangedEvent(
            eventId,
            command.title().strip(),
            command.venue().strip(),
            command.startsAt(),
            command.description() == null ? "" : command.description().strip()));
  }

  private static void requireValidDetails(String title, String venue, Instant startsAt) {
    require(
        notBlank(title) && title.length() <= MAX_TITLE,
        Rejection.invalid("title", "A title of 1 to " + MAX_TITLE + " characters is required."));
    require(notBlank(venue), Rejection.invalid("venue", "A venue is required."));
    require(startsAt != null, Rejection.invalid("starts-at", "A start time is required."));
  }

  @CommandHandler
  void handle(ConfigureSeatingPlanCommand command) {
    requireNotClosed();
    require(command.plan() != null, Rejection.invalid("plan", "A seating plan is required."));
    List<String> problems = command.plan().problems();
    if (!problems.isEmpty()) {
      throw new CommandRejectedException(
          Rejection.invalid("invalid-plan", String.join(" ", problems)));
    }
    if (inventory != null) {
      List<String> touched = inventory.takenPlacesChangedBy(command.plan());
      if (!touched.isEmpty()) {
        throw new CommandRejectedException(
            Rejection.conflict(
                "plan-touches-taken-places",
                "The new plan removes or re-prices places that are held or sold.",
                touched));
      }
    }
    apply(new SeatingPlanConfiguredEvent(eventId, command.plan(), (int) command.plan().capacity()));
  }

  @CommandHandler
  void handle(SetSalesLimitsCommand command) {
    requireNotClosed();
    SalesLimits l = command.limits();
    require(
        l != null
            && l.maxPlacesPerOrder() >= 1
            && l.maxPlacesPerCustomer() >= 1
            && l.holdDuration() != null
            && !l.holdDuration().minusSeconds(1).isNegative()
            && l.holdDuration().compareTo(Duration.ofHours(2)) <= 0,
        Rejection.invalid(
            "invalid-limits",
            "Limits must allow at least one place per order and per customer, and holds must"
                + " last between 1 second and 2 hours."));
    apply(new SalesLimitsSetEvent(eventId, l));
  }

  @CommandHandler
  void handle(RequestSalesApprovalCommand command) {
    if (salesState == SalesState.DRAFT && awaitingApproval) {
      return;
    }
    requireState(SalesState.DRAFT, "submit for approval");
    require(
        inventory != null,
        Rejection.rule("no-seating-plan", "Configure a seating plan before asking for approval."));
    apply(new SalesApprovalRequestedEvent(eventId));
  }

  @CommandHandler
  void handle(RejectSalesCommand command) {
    require(
        notBlank(command.reason()) && command.reason().length() <= MAX_REASON,
        Rejection.invalid(
            "reason", "Say why, in 1 to " + MAX_REASON + " characters, for the manager."));
    require(
        salesState == SalesState.DRAFT && awaitingApproval,
        Rejection.rule(
            "not-awaiting-approval",
            "Only an event awaiting approval can be rejected (it is "
                + (salesState == SalesState.DRAFT ? "a draft not submitted" : describe(salesState))
                + ")."));
    apply(new SalesRejectedEvent(eventId, command.reason().strip()));
  }

  @CommandHandler
  void handle(ApproveSalesCommand command) {
    if (salesState == SalesState.APPROVED) {
      return;
    }
    requireState(SalesState.DRAFT, "approve");
    require(
        inventory != null,
        Rejection.rule("no-seating-plan", "Configure a seating plan before approving sales."));
    apply(new SalesApprovedEvent(eventId));
  }

  @CommandHandler
  void handle(OpenSalesCommand command, DeadlineManager deadlines) {
    if (salesState == SalesState.ON_SALE) {
      return;
    }
    require(
        salesState == SalesState.APPROVED,
        Rejection.rule(
            "not-approved",
            "Sales can open only once approved by the programming director (now "
                + salesState
                + ")."));
    Instant now = now();
    if (command.at() == null || !command.at().isAfter(now)) {
      apply(new SalesOpenedEvent(eventId));
    } else {
      String deadlineId = deadlines.schedule(command.at(), SALES_OPENING, command.at().toString());
      apply(new SalesOpeningScheduledEvent(eventId, command.at(), deadlineId));
    }
  }

  @DeadlineHandler(deadlineName = SALES_OPENING)
  void onSalesOpeningTime(String scheduledFor, StoredVersion stored) {
    requireStoredState(stored);
    if (salesState == SalesState.APPROVED
        && scheduledOpening != null
        && scheduledOpening.toString().equals(scheduledFor)) {
      apply(new SalesOpenedEvent(eventId));
    }
  }

  @CommandHandler
  void handle(PauseSalesCommand command) {
    require(
        command.reason() == null || command.reason().length() <= MAX_REASON,
        Rejection.invalid("reason", "Say why in at most " + MAX_REASON + " characters."));
    if (salesState == SalesState.PAUSED) {
      return;
    }
    requireState(SalesState.ON_SALE, "pause");
    apply(
        new SalesPausedEvent(
            eventId,
            notBlank(command.reason())
                ? command.reason().strip()
                : SalesPausedEvent.REASON_NOT_GIVEN));
  }

  @CommandHandler
  void handle(ResumeSalesCommand command, DeadlineManager deadlines, OrderOpening orders) {
    if (salesState == SalesState.ON_SALE) {
      return;
    }
    requireState(SalesState.PAUSED, "resume");
    apply(new SalesResumedEvent(eventId));
    Instant now = now();
    expireHoldsDueAt(now);
    offerToWaitingList(now, deadlines, orders);
  }

  @CommandHandler
  void handle(CloseSalesCommand command) {
    if (salesState == SalesState.CLOSED) {
      return;
    }
    require(
        salesState != SalesState.DRAFT,
        Rejection.rule("invalid-transition", "A draft event has no sales to close."));
    apply(new SalesClosedEvent(eventId));
  }

  @CommandHandler
  void handle(BlockPlacesCommand command) {
    requirePlan();
    List<Integer> places = knownPlaces(command.placeIds());
    List<String> taken = new ArrayList<>();
    List<String> toBlock = new ArrayList<>();
    for (int i : places) {
      State state = inventory.stateOf(i);
      if (state == State.FREE) {
        toBlock.add(inventory.idOf(i));
      } else if (state != State.BLOCKED) {
        taken.add(inventory.idOf(i));
      }
    }
    if (!taken.isEmpty()) {
      throw new CommandRejectedException(
          Rejection.conflict("places-not-free", "Held or sold places cannot be blocked.", taken));
    }
    if (!toBlock.isEmpty()) {
      apply(new PlacesBlockedEvent(eventId, toBlock, command.reason()));
    }
  }

  @CommandHandler
  void handle(UnblockPlacesCommand command, DeadlineManager deadlines, OrderOpening orders) {
    requirePlan();
    List<String> toUnblock =
        knownPlaces(command.placeIds()).stream()
            .filter(i -> inventory.stateOf(i) == State.BLOCKED)
            .map(inventory::idOf)
            .toList();
    if (!toUnblock.isEmpty()) {
      apply(new PlacesUnblockedEvent(eventId, toUnblock));
      offerToWaitingList(now(), deadlines, orders);
    }
  }

  @CommandHandler
  HoldOutcome handle(HoldPlacesCommand command, DeadlineManager deadlines, OrderOpening orders) {
    Hold earlier = holds.get(command.orderId());
    if (earlier != null) {
      require(
          earlier.customerId.equals(command.customerId()),
          Rejection.invalid("order-id-taken", "This order id belongs to another buyer."));
      return earlier.outcome(eventId);
    }
    require(notBlank(command.orderId()), Rejection.invalid("order-id", "An order id is needed."));
    require(
        notBlank(command.customerId()),
        Rejection.invalid("customer-id", "The buyer must be identified."));
    require(
        !waitingEntries.containsKey(command.orderId()),
        Rejection.invalid("order-id-taken", "This order id is a waiting-list entry's."));
    PlaceSelection selection = command.selection();
    require(
        selection != null && selection.kind() != null,
        Rejection.invalid("selection", "Say which places to hold."));
    Instant now = now();
    openIfScheduledTimeHasCome();
    require(
        salesState == SalesState.ON_SALE,
        Rejection.rule(
            "sales-not-open",
            "Sales are not open for this event ("
                + (salesState == SalesState.PAUSED
                    ? "paused: " + pauseReason
                    : describe(salesState))
                + ")."));
    expireHoldsDueAt(now);
    offerToWaitingList(now, deadlines, orders);
    int quantity = selection.size();
    require(quantity >= 1, Rejection.invalid("quantity", "Ask for at least one place."));
    require(
        quantity <= limits.maxPlacesPerOrder(),
        Rejection.rule(
            "order-limit",
            "At most " + limits.maxPlacesPerOrder() + " places may be held in one order."));
    int alreadyHeld = placesByCustomer.getOrDefault(command.customerId(), 0);
    require(
        alreadyHeld + quantity <= limits.maxPlacesPerCustomer(),
        Rejection.rule(
            "customer-limit",
            "At most "
                + limits.maxPlacesPerCustomer()
                + " places per buyer for this event; you already have "
                + alreadyHeld
                + "."));
    List<String> chosen = choose(selection);
    Instant heldUntil = now.plus(limits.holdDuration());
    OrderOpening.Priced order =
        orders.price(
            new OrderOpening.NewOrder(
                command.orderId(), eventId, command.customerId(), chosen, heldUntil),
            pricingContext(chosen, now));
    apply(
        new PlacesHeldEvent(
            eventId, command.orderId(), command.customerId(), chosen, heldUntil, null));
    keepExpirySweepScheduled(now, deadlines);
    order.open();
    return holds.get(command.orderId()).outcome(eventId);
  }

  /**
   * The safety net behind the expiry sweep (ADR 0707, "Several command nodes"): expires the holds
   * overdue by more than {@link #OVERDUE_GRACE} and schedules a sweep for the holds left. In normal
   * operation the sweep has ended them already and this finds nothing to do; it decides only on the
   * Event as stored, so that nothing-to-do is never the verdict of a stale cached copy.
   */
  @CommandHandler
  void handle(
      ExpireOverdueHoldsCommand command,
      DeadlineManager deadlines,
      StoredVersion stored,
      OrderOpening orders) {
    requireStoredState(stored);
    Instant now = now();
    if (activeHoldsByExpiry.isEmpty()
        || activeHoldsByExpiry.firstKey().isAfter(now.minus(OVERDUE_GRACE))) {
      return;
    }
    expireHoldsDueAt(now);
    offerReturnedPlaces(now, orders);
    keepExpirySweepScheduled(now, deadlines);
  }

  @CommandHandler
  HoldOutcome handle(ReleaseHoldCommand command, DeadlineManager deadlines, OrderOpening orders) {
    Hold hold = holds.get(command.orderId());
    if (hold == null || !hold.customerId.equals(command.customerId())) {
      throw new CommandRejectedException(
          Rejection.notFound("unknown-order", "No such order for this event."));
    }
    Instant now = now();
    expireHoldsDueAt(now);
    if (hold.status == HoldStatus.SOLD) {
      throw new CommandRejectedException(
          Rejection.rule("already-sold", "This order is paid; its places are no longer held."));
    }
    if (hold.isActive()) {
      apply(new HoldReleasedEvent(eventId, hold.orderId, hold.customerId, hold.placeIds));
      cancelOwnDeadline(hold, deadlines);
    }
    offerToWaitingList(now, deadlines, orders);
    return hold.outcome(eventId);
  }

  @CommandHandler
  HoldOutcome handle(
      SellHeldPlacesCommand command, DeadlineManager deadlines, OrderOpening orders) {
    HoldOutcome outcome = sell(command, deadlines);
    offerToWaitingList(now(), deadlines, orders);
    return outcome;
  }

  private HoldOutcome sell(SellHeldPlacesCommand command, DeadlineManager deadlines) {
    Hold hold = holds.get(command.orderId());
    if (hold == null) {
      throw new CommandRejectedException(
          Rejection.notFound("unknown-order", "No such order for this event."));
    }
    if (hold.status == HoldStatus.SOLD) {
      if (hold.soldWith != null && !hold.soldWith.equals(command.paymentReference())) {
        // Another payment of this order (the box office's counter, a second bank payment) bought
        // the places first: this one goes back.
        return new HoldOutcome(
            eventId, hold.orderId, hold.placeIds, hold.heldUntil, HoldStatus.SOLD_TO_OTHER_PAYMENT);
      }
      return hold.outcome(eventId);
    }
    if (capRefusals.contains(command.paymentReference())) {
      return refused(hold);
    }
    expireHoldsDueAt(now());
    if (hold.isActive()) {
      if (refusedByCap(hold, command)) {
        apply(new HoldReleasedEvent(eventId, hold.orderId, hold.customerId, hold.placeIds));
        cancelOwnDeadline(hold, deadlines);
        return refused(hold);
      }
      apply(
          new HeldPlacesSoldEvent(
              eventId,
              hold.orderId,
              hold.customerId,
              hold.placeIds,
              command.paymentReference(),
              command.cardFingerprint(),
              command.mailboxFingerprint()));
      cancelOwnDeadline(hold, deadlines);
    } else if (latePayments.contains(command.paymentReference())) {
      return hold.outcome(eventId);
    } else if (acceptsLatePayment(hold)) {
      if (refusedByCap(hold, command)) {
        return refused(hold);
      }
      apply(
          new LatePaymentAcceptedEvent(
              eventId,
              hold.orderId,
              hold.customerId,
              hold.placeIds,
              command.paymentReference(),
              command.cardFingerprint(),
              command.mailboxFingerprint()));
    } else {
      apply(
          new PaymentAfterHoldEndedEvent(
              eventId, hold.orderId, command.paymentReference(), hold.status));
    }
    return hold.outcome(eventId);
  }

  /**
   * The per-buyer cap also binds the card that pays and the buyer's verified mailbox: the places
   * already sold on this event to that card (or mailbox), plus this order's, may not exceed {@code
   * maxPlacesPerCustomer}. Several accounts sharing one card, or one mailbox's aliases, share one
   * allowance. Decided here, where every sale of the event is serialized, so two payments can never
   * both squeeze under the cap. Over it: records {@link PurchaseCapExceededEvent}.
   */
  private boolean refusedByCap(Hold hold, SellHeldPlacesCommand command) {
    int cap = limits.maxPlacesPerCustomer();
    int size = hold.placeIds.size();
    PurchaseCap broken = null;
    int already = 0;
    if (command.cardFingerprint() != null) {
      already = placesByCard.getOrDefault(command.cardFingerprint(), 0);
      if (already + size > cap) {
        broken = PurchaseCap.CARD;
      }
    }
    if (broken == null && command.mailboxFingerprint() != null) {
      already = placesByMailbox.getOrDefault(command.mailboxFingerprint(), 0);
      if (already + size > cap) {
        broken = PurchaseCap.MAILBOX;
      }
    }
    if (broken == null) {
      return false;
    }
    apply(
        new PurchaseCapExceededEvent(
            eventId,
            hold.orderId,
            hold.customerId,
            hold.placeIds,
            command.paymentReference(),
            broken,
            cap,
            already));
    return true;
  }

  /**
   * pretix's rule: an expired hold may still be paid for while sales are not closed, the event
   * accepts it, every place is still free and the buyer stays within the per-buyer limit.
   */
  private boolean acceptsLatePayment(Hold hold) {
    return limits.latePaymentAccepted()
        && hold.status == HoldStatus.EXPIRED
        && salesState != SalesState.CLOSED
        && hold.placeIds.stream()
            .allMatch(id -> inventory.stateOf(inventory.indexOf(id)) == State.FREE)
        && placesByCustomer.getOrDefault(hold.customerId, 0) + hold.placeIds.size()
            <= limits.maxPlacesPerCustomer();
  }

  private HoldOutcome refused(Hold hold) {
    return new HoldOutcome(
        eventId, hold.orderId, hold.placeIds, hold.heldUntil, HoldStatus.REFUSED);
  }

  @CommandHandler
  HoldOutcome handle(CancelSaleCommand command, DeadlineManager deadlines, OrderOpening orders) {
    Hold hold = holds.get(command.orderId());
    if (hold == null) {
      throw new CommandRejectedException(
          Rejection.notFound("unknown-order", "No such order for this event."));
    }
    if (hold.status == HoldStatus.SOLD) {
      apply(
          new SaleCancelledEvent(
              eventId, hold.orderId, hold.customerId, hold.placeIds, command.reason()));
      offerToWaitingList(now(), deadlines, orders);
    } else if (hold.status != HoldStatus.CANCELLED) {
      throw new CommandRejectedException(
          Rejection.rule(
              "not-sold", "Only a paid order can be cancelled; this one is " + hold.status + "."));
    }
    return hold.outcome(eventId);
  }

  /**
   * A manager cancels some places of a sold order: they go back on sale at once, the order keeps
   * the others (none left: the sale is cancelled as a whole). Refused without any change: places
   * the order never had (422 {@code places-not-in-order}), places already cancelled (409 {@code
   * places-already-cancelled}), an order not sold. A retry of the same request ({@code
   * cancellationId}) answers the same and changes nothing.
   */
  @CommandHandler
  HoldOutcome handle(
      CancelSoldPlacesCommand command, DeadlineManager deadlines, OrderOpening orders) {
    Hold hold = holds.get(command.orderId());
    if (hold == null) {
      throw new CommandRejectedException(
          Rejection.notFound("unknown-order", "No such order for this event."));
    }
    if (command.cancellationId() != null && placeCancellations.contains(command.cancellationId())) {
      return hold.outcome(eventId);
    }
    require(
        notBlank(command.cancellationId()),
        Rejection.invalid("cancellation-id", "A cancellation needs its request's id."));
    require(
        notBlank(command.reason()) && command.reason().length() <= MAX_REASON,
        Rejection.invalid("reason", "Say why, in 1 to " + MAX_REASON + " characters."));
    require(
        command.placeIds() != null && !command.placeIds().isEmpty(),
        Rejection.invalid("places", "List at least one place to cancel."));
    List<String> requested = new ArrayList<>(new LinkedHashSet<>(command.placeIds()));
    require(
        requested.size() == command.placeIds().size(),
        Rejection.invalid("duplicate-places", "A place is listed twice."));
    List<String> notInOrder =
        requested.stream()
            .filter(id -> !hold.placeIds.contains(id) && !hold.cancelledPlaceIds.contains(id))
            .toList();
    if (!notInOrder.isEmpty()) {
      throw new CommandRejectedException(
          new Rejection(
              Rejection.Kind.RULE,
              "places-not-in-order",
              "Order "
                  + hold.orderId
                  + " has no place "
                  + String.join(", ", notInOrder)
                  + ": nothing was cancelled.",
              notInOrder));
    }
    List<String> already = requested.stream().filter(hold.cancelledPlaceIds::contains).toList();
    if (!already.isEmpty() || hold.status == HoldStatus.CANCELLED) {
      List<String> named = already.isEmpty() ? requested : already;
      throw new CommandRejectedException(
          Rejection.conflict(
              "places-already-cancelled",
              "Already cancelled: " + String.join(", ", named) + ". Nothing was cancelled.",
              named));
    }
    require(
        hold.status == HoldStatus.SOLD,
        Rejection.rule(
            "not-sold",
            "Only the places of a paid order can be cancelled; this one is " + hold.status + "."));
    List<String> remaining = hold.placeIds.stream().filter(id -> !requested.contains(id)).toList();
    apply(
        new SoldPlacesCancelledEvent(
            eventId,
            hold.orderId,
            hold.customerId,
            command.cancellationId(),
            requested,
            remaining,
            command.reason(),
            command.cancelledBy()));
    Instant now = now();
    offerToWaitingList(now, deadlines, orders);
    return hold.outcome(eventId);
  }

  /**
   * Puts the buyer on the waiting list, refused while the places they want are free (they hold them
   * instead) and, like a hold, beyond the per-order and per-buyer limits. Places that come back are
   * offered in the order the list was joined ({@link #offerReturnedPlaces}).
   */
  @CommandHandler
  WaitingListPlace handle(
      JoinWaitingListCommand command, DeadlineManager deadlines, OrderOpening orders) {
    require(notBlank(command.orderId()), Rejection.invalid("order-id", "An order id is needed."));
    require(
        notBlank(command.customerId()),
        Rejection.invalid("customer-id", "The buyer must be identified."));
    WaitingEntry waiting = waitingList.get(command.customerId());
    if (waiting != null) {
      return placeOf(waiting);
    }
    WaitingEntry earlier = waitingEntries.get(command.orderId());
    if (earlier != null) {
      require(
          earlier.customerId.equals(command.customerId()),
          Rejection.invalid("order-id-taken", "This order id belongs to another buyer."));
      return placeOf(earlier);
    }
    require(
        !holds.containsKey(command.orderId()),
        Rejection.invalid("order-id-taken", "This order id is already a hold's."));
    PlaceSelection wanted = command.wanted();
    require(
        wanted != null
            && (wanted.kind() == PlaceSelection.Kind.BEST_AVAILABLE
                || wanted.kind() == PlaceSelection.Kind.STANDING),
        Rejection.invalid(
            "wanted",
            "The waiting list waits for a number of places in a category or a standing zone,"
                + " not for given seats."));
    requirePlan();
    require(
        wanted.kind() == PlaceSelection.Kind.STANDING
            ? inventory.hasZone(wanted.area())
            : inventory.hasCategory(wanted.area()),
        Rejection.invalid(
            "unknown-area",
            "There is no "
                + (wanted.kind() == PlaceSelection.Kind.STANDING ? "standing zone" : "category")
                + " '"
                + wanted.area()
                + "'."));
    require(wanted.quantity() >= 1, Rejection.invalid("quantity", "Ask for at least one place."));
    require(
        wanted.quantity() <= limits.maxPlacesPerOrder(),
        Rejection.rule(
            "order-limit",
            "At most " + limits.maxPlacesPerOrder() + " places may be held in one order."));
    Instant now = now();
    openIfScheduledTimeHasCome();
    require(
        salesState == SalesState.ON_SALE || salesState == SalesState.PAUSED,
        Rejection.rule(
            "sales-not-open",
            "This event's waiting list is open while it is on sale (it is "
                + describe(salesState)
                + ")."));
    expireHoldsDueAt(now);
    offerToWaitingList(now, deadlines, orders);
    int already = placesByCustomer.getOrDefault(command.customerId(), 0);
    require(
        already + wanted.quantity() <= limits.maxPlacesPerCustomer(),
        Rejection.rule(
            "customer-limit",
            "At most "
                + limits.maxPlacesPerCustomer()
                + " places per buyer for this event; you already have "
                + already
                + "."));
    if (salesState == SalesState.ON_SALE && placesFor(wanted) != null) {
      throw new CommandRejectedException(
          Rejection.conflict(
              "places-available",
              wanted.quantity()
                  + " places are free in "
                  + wanted.area()
                  + " right now: hold them instead of waiting.",
              List.of()));
    }
    apply(
        new WaitingListJoinedEvent(
            eventId,
            command.customerId(),
            command.orderId(),
            wanted,
            "en".equals(command.locale()) ? "en" : "fr"));
    return placeOf(waitingList.get(command.customerId()));
  }

  @CommandHandler
  WaitingListPlace handle(LeaveWaitingListCommand command) {
    WaitingEntry waiting = waitingList.get(command.customerId());
    if (waiting == null) {
      WaitingEntry latest = latestWaitingEntry.get(command.customerId());
      if (latest == null) {
        throw new CommandRejectedException(
            Rejection.notFound("not-waiting", "You are not on this event's waiting list."));
      }
      return placeOf(latest);
    }
    apply(
        new WaitingListLeftEvent(
            eventId, waiting.customerId, waiting.orderId, WaitingListExit.LEFT));
    return placeOf(waiting);
  }

  /**
   * Offers the places that came back to the waiting list, first come first served: each buyer in
   * turn whose places are free gets them held for {@code waitingListOfferDuration} (a {@link
   * PlacesHeldEvent} and its priced order, as for any hold, then a {@link
   * WaitingListOfferMadeEvent}). A buyer who wants more than is free is passed over, not skipped:
   * they keep their turn for the next return. A buyer who meanwhile reached the per-buyer limit
   * leaves the list. Answers whether it held any; callers then keep an expiry sweep scheduled.
   */
  private boolean offerReturnedPlaces(Instant now, OrderOpening orders) {
    if (waitingList.isEmpty() || salesState != SalesState.ON_SALE || inventory.free() == 0) {
      return false;
    }
    boolean offered = false;
    for (WaitingEntry entry : List.copyOf(waitingList.values())) {
      if (inventory.free() == 0) {
        break;
      }
      PlaceSelection wanted = entry.wanted;
      int free =
          wanted.kind() == PlaceSelection.Kind.STANDING
              ? inventory.freeSpotsIn(wanted.area())
              : inventory.freeSeatsIn(wanted.area());
      if (free < wanted.quantity()) {
        continue;
      }
      if (placesByCustomer.getOrDefault(entry.customerId, 0) + wanted.quantity()
          > limits.maxPlacesPerCustomer()) {
        apply(
            new WaitingListLeftEvent(
                eventId, entry.customerId, entry.orderId, WaitingListExit.CUSTOMER_LIMIT));
        continue;
      }
      List<String> chosen = placesFor(wanted);
      if (chosen == null) {
        continue;
      }
      Instant heldUntil = now.plus(limits.waitingListOfferDuration());
      OrderOpening.Priced order;
      try {
        order =
            orders.price(
                new OrderOpening.NewOrder(
                    entry.orderId, eventId, entry.customerId, chosen, heldUntil),
                pricingContext(chosen, now));
      } catch (CommandRejectedException pricingRefused) {
        // No price for these places now: they stay free, and are offered again when more
        // places come back.
        continue;
      }
      apply(new PlacesHeldEvent(eventId, entry.orderId, entry.customerId, chosen, heldUntil, null));
      apply(
          new WaitingListOfferMadeEvent(
              eventId, entry.customerId, entry.orderId, chosen, heldUntil, entry.locale));
      order.open();
      offered = true;
    }
    return offered;
  }

  /** {@link #offerReturnedPlaces}, then an expiry sweep for the offers' holds if it made any. */
  private void offerToWaitingList(Instant now, DeadlineManager deadlines, OrderOpening orders) {
    if (offerReturnedPlaces(now, orders)) {
      keepExpirySweepScheduled(now, deadlines);
    }
  }

  /** The places a waiting-list entry would get now, or null when not enough are free. */
  private List<String> placesFor(PlaceSelection wanted) {
    return wanted.kind() == PlaceSelection.Kind.STANDING
        ? inventory.freeSpots(wanted.area(), wanted.quantity())
        : inventory.bestAvailable(wanted.area(), wanted.quantity(), wanted.accessibleOnly());
  }

  private WaitingListPlace placeOf(WaitingEntry entry) {
    int position = 0;
    if (entry.status == WaitingListPlace.Status.WAITING) {
      for (WaitingEntry e : waitingList.values()) {
        position++;
        if (e == entry) {
          break;
        }
      }
    }
    return new WaitingListPlace(
        eventId, entry.customerId, entry.orderId, entry.wanted, position, entry.status);
  }

  /**
   * What pricing needs to know about {@code placeIds}, asked before they are held: their categories
   * and tiers, and how many places of each category other orders have taken.
   */
  private PricingContext pricingContext(List<String> placeIds, Instant saleTime) {
    Map<String, Integer> taken = inventory.takenByCategory();
    List<PlacePricing> places = new ArrayList<>();
    for (String placeId : placeIds) {
      Integer index = inventory.indexOf(placeId);
      String category = index == null ? null : inventory.categoryOf(index);
      PriceCategory priceCategory = categories.get(category);
      places.add(
          new PlacePricing(
              placeId,
              category,
              priceCategory == null ? category : priceCategory.name(),
              priceCategory == null ? List.of() : priceCategory.tiers()));
    }
    return new PricingContext(saleTime, salesOpenedAt, taken, places);
  }

  /**
   * The expiry sweep scheduled for {@code scheduledFor} (an instant): expires every hold due, then
   * keeps one sweep scheduled for the earliest hold left, or stops when none is left. A sweep that
   * fires late, twice, or after a newer one was scheduled expires only what is due and still held,
   * so each hold expires once. It fires no earlier than its time, so that is the least "now" is.
   */
  @DeadlineHandler(deadlineName = HOLD_EXPIRY_SWEEP)
  void onHoldExpirySweep(
      String scheduledFor, DeadlineManager deadlines, StoredVersion stored, OrderOpening orders) {
    requireStoredState(stored);
    Instant due = Instant.parse(scheduledFor);
    Instant now = now();
    if (now.isBefore(due)) {
      now = due;
    }
    expireHoldsDueAt(now);
    offerReturnedPlaces(now, orders);
    keepExpirySweepScheduled(now, deadlines);
  }

  /**
   * Makes sure a sweep will expire the earliest active hold: schedules one (no sooner than {@link
   * #SWEEP_GAP} from now) unless the pending one comes early enough. A pending sweep whose time has
   * come counts as gone, fired or not: at worst a second one is scheduled, never none. With no
   * active hold left after a sweep's time, records that sweeps stopped, so that the next hold
   * schedules one whatever the clocks of the nodes say.
   */
  private void keepExpirySweepScheduled(Instant now, DeadlineManager deadlines) {
    boolean pending = expirySweepAt != null && expirySweepAt.isAfter(now);
    if (activeHoldsByExpiry.isEmpty()) {
      if (expirySweepAt != null && !pending) {
        apply(new HoldExpirySweepsStoppedEvent(eventId));
      }
      return;
    }
    Instant needed = activeHoldsByExpiry.firstKey();
    Instant earliest = now.plus(SWEEP_GAP);
    if (needed.isBefore(earliest)) {
      needed = earliest;
    }
    if (pending && !expirySweepAt.isAfter(needed)) {
      return;
    }
    String deadlineId = deadlines.schedule(needed, HOLD_EXPIRY_SWEEP, needed.toString());
    apply(new HoldExpirySweepScheduledEvent(eventId, needed, deadlineId));
  }

  /**
   * A hold stored before ADR 0707 has its own {@link #HOLD_EXPIRY} deadline, until it fires or its
   * hold ends some other way; new holds have none.
   */
  private static void cancelOwnDeadline(Hold hold, DeadlineManager deadlines) {
    if (hold.expiryDeadlineId != null) {
      deadlines.cancelSchedule(HOLD_EXPIRY, hold.expiryDeadlineId);
    }
  }

  /**
   * The deadline of one hold stored before ADR 0707 (see {@link #HOLD_EXPIRY}): expires it if still
   * held, and every other hold already due. New holds schedule no such deadline.
   */
  @DeadlineHandler(deadlineName = HOLD_EXPIRY)
  void onHoldExpiry(
      String orderId, StoredVersion stored, DeadlineManager deadlines, OrderOpening orders) {
    requireStoredState(stored);
    Hold hold = holds.get(orderId);
    if (hold != null && hold.isActive()) {
      apply(new HoldExpiredEvent(eventId, hold.orderId, hold.customerId, hold.placeIds));
    }
    Instant now = now();
    expireHoldsDueAt(now);
    offerToWaitingList(now, deadlines, orders);
  }

  /**
   * A deadline may run on any command node, on that node's cached copy of the Event, which is
   * behind the store when another node has appended since (ADR 0707, "Several command nodes"). A
   * command or deadline that applies an event from such a copy is caught by its append (the
   * sequence number is taken) and retried. A deadline that, on the stale copy, finds nothing to do
   * appends nothing: it would succeed and be gone, and the work it stood for (the holds another
   * node placed, the sweep another node counted on) would be left undone. So every deadline first
   * checks that the copy is the stored Event; if not it fails: the unit of work rolls back, the
   * stale copy leaves the cache, and the deadline is retried shortly on the Event as stored (the
   * deadline task's retry, {@code command.config.DeadlineRetry}).
   */
  private void requireStoredState(StoredVersion stored) {
    Long version = AggregateLifecycle.getVersion();
    if (version != null && stored.storedBeyond(eventId, version)) {
      throw new ConcurrencyException(
          "Event "
              + eventId
              + " is stored beyond sequence "
              + version
              + ", this node's copy only up to it: the deadline is retried on the stored Event");
    }
  }

  private void expireHoldsDueAt(Instant now) {
    List<Hold> due = new ArrayList<>();
    activeHoldsByExpiry
        .headMap(now, true)
        .values()
        .forEach(orderIds -> orderIds.forEach(id -> due.add(holds.get(id))));
    for (Hold hold : due) {
      apply(new HoldExpiredEvent(eventId, hold.orderId, hold.customerId, hold.placeIds));
    }
  }

  private void openIfScheduledTimeHasCome() {
    if (salesState == SalesState.APPROVED
        && scheduledOpening != null
        && !now().isBefore(scheduledOpening)) {
      apply(new SalesOpenedEvent(eventId));
    }
  }

  private List<String> choose(PlaceSelection selection) {
    requirePlan();
    int quantity = selection.size();
    switch (selection.kind()) {
      case SPECIFIC -> {
        Set<String> distinct = new LinkedHashSet<>(selection.placeIds());
        require(
            distinct.size() == selection.placeIds().size(),
            Rejection.invalid("duplicate-places", "A place is listed twice."));
        List<Integer> places = knownPlaces(selection.placeIds());
        List<String> notFree =
            places.stream()
                .filter(i -> inventory.stateOf(i) != State.FREE)
                .map(inventory::idOf)
                .toList();
        if (!notFree.isEmpty()) {
          throw new CommandRejectedException(
              Rejection.conflict(
                  "places-not-free", "Some of these places are no longer free.", notFree));
        }
        return List.copyOf(distinct);
      }
      case STANDING -> {
        require(
            inventory.hasZone(selection.area()),
            Rejection.invalid(
                "unknown-zone", "There is no standing zone '" + selection.area() + "'."));
        List<String> spots = inventory.freeSpots(selection.area(), quantity);
        if (spots == null) {
          throw new CommandRejectedException(
              Rejection.conflict(
                  "not-enough-places",
                  "Fewer than " + quantity + " places are free in " + selection.area() + ".",
                  List.of()));
        }
        return spots;
      }
      case BEST_AVAILABLE -> {
        require(
            inventory.hasCategory(selection.area()),
            Rejection.invalid(
                "unknown-category", "There is no category '" + selection.area() + "'."));
        List<String> seats =
            inventory.bestAvailable(selection.area(), quantity, selection.accessibleOnly());
        if (seats == null) {
          throw new CommandRejectedException(
              Rejection.conflict(
                  "not-enough-places",
                  "Fewer than "
                      + quantity
                      + (selection.accessibleOnly() ? " accessible" : "")
                      + " seats are free in "
                      + selection.area()
                      + ".",
                  List.of()));
        }
        return seats;
      }
      default -> throw new IllegalStateException("unknown selection " + selection.kind());
    }
  }

  private List<Integer> knownPlaces(List<String> placeIds) {
    require(
        placeIds != null && !placeIds.isEmpty(),
        Rejection.invalid("places", "List at least one place."));
    List<Integer> indexes = new ArrayList<>(placeIds.size());
    List<String> unknown = new ArrayList<>();
    for (String id : placeIds) {
      Integer index = inventory.indexOf(id);
      if (index == null) {
        unknown.add(id);
      } else {
        indexes.add(index);
      }
    }
    if (!unknown.isEmpty()) {
      throw new CommandRejectedException(
          new Rejection(
              Rejection.Kind.INVALID,
              "unknown-places",
              "These places do not exist in this event: " + String.join(", ", unknown) + ".",
              unknown));
    }
    return indexes;
  }

  private void requirePlan() {
    require(
        inventory != null,
        Rejection.rule("no-seating-plan", "This event has no seating plan yet."));
  }

  private void requireNotClosed() {
    require(
        salesState != SalesState.CLOSED,
        Rejection.rule("sales-closed", "This event's sales are closed."));
  }

  private void requireState(SalesState expected, String action) {
    require(
        salesState == expected,
        Rejection.rule(
            "invalid-transition",
            "Cannot " + action + " sales while they are " + describe(salesState) + "."));
  }

  private static String describe(SalesState state) {
    return switch (state) {
      case DRAFT -> "in draft";
      case APPROVED -> "approved but not yet open";
      case ON_SALE -> "on sale";
      case PAUSED -> "paused";
      case CLOSED -> "closed";
    };
  }

  private static void require(boolean condition, Rejection rejection) {
    if (!condition) {
      throw new CommandRejectedException(rejection);
    }
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  private static Instant now() {
    return GenericEventMessage.clock.instant();
  }

  @EventSourcingHandler
  void on(EventCreatedEvent event) {
    eventId = event.eventId();
    salesState = SalesState.DRAFT;
  }

  @EventSourcingHandler
  void on(SeatingPlanConfiguredEvent event) {
    categories = new HashMap<>();
    event.plan().categories().forEach(c -> categories.put(c.code(), c));
    inventory =
        inventory == null ? PlaceInventory.of(event.plan()) : inventory.replacedBy(event.plan());
  }

  @EventSourcingHandler
  void on(SalesLimitsSetEvent event) {
    limits = event.limits();
  }

  @EventSourcingHandler
  void on(SalesApprovalRequestedEvent event) {
    awaitingApproval = true;
  }

  @EventSourcingHandler
  void on(SalesRejectedEvent event) {
    awaitingApproval = false;
  }

  @EventSourcingHandler
  void on(SalesApprovedEvent event) {
    salesState = SalesState.APPROVED;
    awaitingApproval = false;
  }

  @EventSourcingHandler
  void on(SalesOpeningScheduledEvent event) {
    scheduledOpening = event.opensAt();
  }

  @EventSourcingHandler
  void on(SalesOpenedEvent event, @Timestamp Instant openedAt) {
    salesState = SalesState.ON_SALE;
    salesOpenedAt = openedAt;
    scheduledOpening = null;
  }

  @EventSourcingHandler
  void on(SalesPausedEvent event) {
    salesState = SalesState.PAUSED;
    pauseReason = event.reason();
  }

  @EventSourcingHandler
  void on(SalesResumedEvent event) {
    salesState = SalesState.ON_SALE;
    pauseReason = null;
  }

  @EventSourcingHandler
  void on(SalesClosedEvent event) {
    salesState = SalesState.CLOSED;
    waitingList.values().forEach(entry -> entry.status = WaitingListPlace.Status.LEFT);
    waitingList.clear();
  }

  @EventSourcingHandler
  void on(WaitingListJoinedEvent event) {
    WaitingEntry entry =
        new WaitingEntry(event.customerId(), event.orderId(), event.wanted(), event.locale());
    waitingList.put(entry.customerId, entry);
    waitingEntries.put(entry.orderId, entry);
    latestWaitingEntry.put(entry.customerId, entry);
  }

  @EventSourcingHandler
  void on(WaitingListLeftEvent event) {
    WaitingEntry entry = waitingList.remove(event.customerId());
    if (entry != null) {
      entry.status = WaitingListPlace.Status.LEFT;
    }
  }

  @EventSourcingHandler
  void on(WaitingListOfferMadeEvent event) {
    WaitingEntry entry = waitingList.remove(event.customerId());
    if (entry != null) {
      entry.status = WaitingListPlace.Status.OFFERED;
    }
  }

  @EventSourcingHandler
  void on(PlacesBlockedEvent event) {
    inventory.mark(event.placeIds(), State.BLOCKED, null);
  }

  @EventSourcingHandler
  void on(PlacesUnblockedEvent event) {
    inventory.mark(event.placeIds(), State.FREE, null);
  }

  @EventSourcingHandler
  void on(PlacesHeldEvent event) {
    Hold hold =
        new Hold(
            event.orderId(),
            event.customerId(),
            event.placeIds(),
            event.heldUntil(),
            event.expiryDeadlineId());
    holds.put(hold.orderId, hold);
    activeHoldsByExpiry
        .computeIfAbsent(hold.heldUntil, t -> new LinkedHashSet<>())
        .add(hold.orderId);
    placesByCustomer.merge(hold.customerId, hold.placeIds.size(), Integer::sum);
    inventory.mark(hold.placeIds, State.HELD, hold.orderId);
  }

  @EventSourcingHandler
  void on(HoldExpirySweepScheduledEvent event) {
    expirySweepAt = event.at();
  }

  @EventSourcingHandler
  void on(HoldExpirySweepsStoppedEvent event) {
    expirySweepAt = null;
  }

  @EventSourcingHandler
  void on(HoldReleasedEvent event) {
    endHold(event.orderId(), HoldStatus.RELEASED);
  }

  @EventSourcingHandler
  void on(HoldExpiredEvent event) {
    endHold(event.orderId(), HoldStatus.EXPIRED);
  }

  @EventSourcingHandler
  void on(HeldPlacesSoldEvent event) {
    Hold hold = holds.get(event.orderId());
    hold.status = HoldStatus.SOLD;
    hold.soldWith = event.paymentReference();
    countPurchase(hold, event.cardFingerprint(), event.mailboxFingerprint());
    forgetExpiry(hold);
    inventory.mark(hold.placeIds, State.SOLD, hold.orderId);
  }

  @EventSourcingHandler
  void on(LatePaymentAcceptedEvent event) {
    Hold hold = holds.get(event.orderId());
    hold.status = HoldStatus.SOLD;
    hold.soldWith = event.paymentReference();
    countPurchase(hold, event.cardFingerprint(), event.mailboxFingerprint());
    placesByCustomer.merge(hold.customerId, hold.placeIds.size(), Integer::sum);
    inventory.mark(hold.placeIds, State.SOLD, hold.orderId);
  }

  @EventSourcingHandler
  void on(SaleCancelledEvent event) {
    Hold hold = holds.get(event.orderId());
    hold.status = HoldStatus.CANCELLED;
    placesByCustomer.merge(hold.customerId, -hold.placeIds.size(), Integer::sum);
    if (hold.cardFingerprint != null) {
      placesByCard.merge(hold.cardFingerprint, -hold.placeIds.size(), Integer::sum);
    }
    if (hold.mailboxFingerprint != null) {
      placesByMailbox.merge(hold.mailboxFingerprint, -hold.placeIds.size(), Integer::sum);
    }
    inventory.mark(hold.placeIds, State.FREE, null);
  }

  @EventSourcingHandler
  void on(SoldPlacesCancelledEvent event) {
    Hold hold = holds.get(event.orderId());
    int count = event.placeIds().size();
    hold.placeIds = event.remainingPlaceIds();
    hold.cancelledPlaceIds.addAll(event.placeIds());
    if (hold.placeIds.isEmpty()) {
      hold.status = HoldStatus.CANCELLED;
    }
    placesByCustomer.merge(hold.customerId, -count, Integer::sum);
    if (hold.cardFingerprint != null) {
      placesByCard.merge(hold.cardFingerprint, -count, Integer::sum);
    }
    if (hold.mailboxFingerprint != null) {
      placesByMailbox.merge(hold.mailboxFingerprint, -count, Integer::sum);
    }
    inventory.mark(event.placeIds(), State.FREE, null);
    placeCancellations.add(event.cancellationId());
  }

  @EventSourcingHandler
  void on(PaymentAfterHoldEndedEvent event) {
    latePayments.add(event.paymentReference());
  }

  @EventSourcingHandler
  void on(PurchaseCapExceededEvent event) {
    capRefusals.add(event.paymentReference());
  }

  private void countPurchase(Hold hold, String card, String mailbox) {
    hold.cardFingerprint = card;
    hold.mailboxFingerprint = mailbox;
    if (card != null) {
      placesByCard.merge(card, hold.placeIds.size(), Integer::sum);
    }
    if (mailbox != null) {
      placesByMailbox.merge(mailbox, hold.placeIds.size(), Integer::sum);
    }
  }

  private void endHold(String orderId, HoldStatus status) {
    Hold hold = holds.get(orderId);
    hold.status = status;
    forgetExpiry(hold);
    placesByCustomer.merge(hold.customerId, -hold.placeIds.size(), Integer::sum);
    inventory.mark(hold.placeIds, State.FREE, null);
  }

  private void forgetExpiry(Hold hold) {
    Set<String> sameTime = activeHoldsByExpiry.get(hold.heldUntil);
    if (sameTime != null) {
      sameTime.remove(hold.orderId);
      if (sameTime.isEmpty()) {
        activeHoldsByExpiry.remove(hold.heldUntil);
      }
    }
  }

  /** One buyer's turn on the waiting list. */
  private static final class WaitingEntry {
    final String customerId;
    final String orderId;
    final PlaceSelection wanted;
    final String locale;
    WaitingListPlace.Status status = WaitingListPlace.Status.WAITING;

    WaitingEntry(String customerId, String orderId, PlaceSelection wanted, String locale) {
      this.customerId = customerId;
      this.orderId = orderId;
      this.wanted = wanted;
      this.locale = locale;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof WaitingEntry e
          && customerId.equals(e.customerId)
          && orderId.equals(e.orderId)
          && wanted.equals(e.wanted)
          && Objects.equals(locale, e.locale)
          && status == e.status;
    }

    @Override
    public int hashCode() {
      return Objects.hash(orderId, status);
    }
  }
}
