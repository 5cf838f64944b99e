package fr.guichet.command.pricing;

import fr.guichet.api.event.PriceTier;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.PricingContext.PlacePricing;
import fr.guichet.api.order.RateChoice;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.pricing.PricingException;
import fr.guichet.pricing.PricingRequest;
import fr.guichet.pricing.PricingRequest.TicketRequest;
import fr.guichet.pricing.PricingResult;
import fr.guichet.pricing.PricingResult.TicketPrice;
import fr.guichet.pricing.Rate;
import fr.guichet.pricing.TierPrice;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prices an order's tickets with the rule set in force: checks what the buyer asked (student
 * proofs, subscription numbers against the registry), calls the {@link
 * fr.guichet.pricing.PriceCalculator} port and refuses a requested rate that gives nothing.
 */
public class OrderPricing {

  static final ZoneId VENUE_ZONE = ZoneId.of("Europe/Paris");
  private static final String TRANSIENT = "rules-timeout";

  private final ActiveRuleSet rules;
  private final SubscriberRegistry subscribers;

  public OrderPricing(ActiveRuleSet rules, SubscriberRegistry subscribers) {
    this.rules = rules;
    this.subscribers = subscribers;
  }

  /** The rules in force cannot price the basket; never answered with a price of 0. */
  public static class PricingRefusedException extends CommandRejectedException {

    private final String ruleSetId;
    private final int ruleSetVersion;

    PricingRefusedException(String ruleSetId, int ruleSetVersion, Rejection rejection) {
      super(rejection);
      this.ruleSetId = ruleSetId;
      this.ruleSetVersion = ruleSetVersion;
    }

    public String ruleSetId() {
      return ruleSetId;
    }

    public int ruleSetVersion() {
      return ruleSetVersion;
    }
  }

  /** The recorded outcome of pricing an order. */
  public record PricedOrder(
      String ruleSetId,
      int ruleSetVersion,
      String ruleSetHash,
      List<PricedTicket> tickets,
      long totalCents) {}

  /**
   * Prices every place of {@code context}; places without a choice are at full rate.
   *
   * @throws CommandRejectedException when a choice is invalid or no rule can price the basket
   * @throws IllegalStateException while no rule set is published
   */
  public PricedOrder price(PricingContext context, List<RateChoice> choices, Instant now) {
    Map<String, RateChoice> byPlace = choicesByPlace(context, choices);
    LocalDate today = LocalDate.ofInstant(now, VENUE_ZONE);
    List<TicketRequest> tickets = new ArrayList<>();
    for (PlacePricing place : context.places()) {
      RateChoice choice = byPlace.getOrDefault(place.placeId(), RateChoice.full(place.placeId()));
      tickets.add(ticket(place, choice, today));
    }
    ActiveRuleSet.Version version = rules.current();
    PricingResult result;
    try {
      result =
          version
              .calculator()
              .price(
                  new PricingRequest(
                      context.saleTime(),
                      context.salesOpenedAt(),
                      context.takenBeforeByCategory(),
                      tickets));
    } catch (PricingException e) {
      if (TRANSIENT.equals(e.code())) {
        throw new IllegalStateException(
            "Pricing took too long (rule set version " + version.version() + "); try again.", e);
      }
      throw new PricingRefusedException(
          version.ruleSetId(),
          version.version(),
          new Rejection(
              Rejection.Kind.RULE,
              e.code(),
              "These tickets cannot be priced (rule set version "
                  + version.version()
                  + "): "
                  + e.getMessage(),
              e.ticketIds()));
    }
    List<PricedTicket> priced = new ArrayList<>();
    for (TicketPrice price : result.tickets()) {
      RateChoice choice = byPlace.getOrDefault(price.ticketId(), RateChoice.full(price.ticketId()));
      if (choice.rate() != RateChoice.Rate.FULL && price.appliedRules().isEmpty()) {
        throw new CommandRejectedException(
            new Rejection(
                Rejection.Kind.RULE,
                "rate-not-applicable",
                "The "
                    + choice.rate().name().toLowerCase(Locale.ROOT)
                    + " rate gives no discount on "
                    + price.ticketId()
                    + ": "
                    + String.join(" ", price.explanation()),
                List.of(price.ticketId())));
      }
      priced.add(
          new PricedTicket(
              price.ticketId(),
              price.category(),
              choice.rate(),
              blankToNull(choice.studentProof()),
              blankToNull(choice.subscriptionNumber()),
              price.tier(),
              price.baseCents(),
              price.baseRule(),
              price.appliedRules(),
              price.discountPercent(),
              price.discountCents(),
              price.finalCents(),
              price.explanation()));
    }
    return new PricedOrder(
        version.ruleSetId(), version.version(), version.contentHash(), priced, result.totalCents());
  }

  /**
   * Which rates would lower each ticket's price with the rule set in force, were the buyer to ask
   * for them with a proof or a valid subscription number: what a checkout offers. Records nothing.
   *
   * @return per place id, in the order's order, FULL and the discounted rates that apply
   */
  public Map<String, List<RateChoice.Rate>> applicableRates(PricingContext context) {
    Map<String, List<RateChoice.Rate>> rates = new LinkedHashMap<>();
    for (PlacePricing place : context.places()) {
      rates.put(place.placeId(), new ArrayList<>(List.of(RateChoice.Rate.FULL)));
    }
    ActiveRuleSet.Version version = rules.current();
    for (RateChoice.Rate rate :
        List.of(RateChoice.Rate.STUDENT, RateChoice.Rate.SUBSCRIBER, RateChoice.Rate.GROUP)) {
      List<TicketRequest> tickets = new ArrayList<>();
      for (PlacePricing place : context.places()) {
        tickets.add(
            new TicketRequest(
                place.placeId(),
                place.category(),
                place.categoryName(),
                tiers(place),
                Rate.valueOf(rate.name()),
                rate == RateChoice.Rate.STUDENT ? "proof-to-come" : null,
                rate == RateChoice.Rate.SUBSCRIBER ? "number-to-come" : null,
                rate == RateChoice.Rate.SUBSCRIBER));
      }
      PricingResult result;
      try {
        result =
            version
                .calculator()
                .price(
                    new PricingRequest(
                        context.saleTime(),
                        context.salesOpenedAt(),
                        context.takenBeforeByCategory(),
                        tickets));
      } catch (PricingException e) {
        continue;
      }
      for (TicketPrice price : result.tickets()) {
        if (!price.appliedRules().isEmpty() && rates.containsKey(price.ticketId())) {
          rates.get(price.ticketId()).add(rate);
        }
      }
    }
    return rates;
  }

  /** The version of the rule set in force. */
  public int currentVersion() {
    return rules.current().version();
  }

  private static List<TierPrice> tiers(PlacePricing place) {
    List<TierPrice> tiers = new ArrayList<>();
    for (PriceTier tier : place.tiers()) {
      tiers.add(new TierPrice(tier.code(), tier.name(), tier.priceCents()));
    }
    return tiers;
  }

  private static Map<String, RateChoice> choicesByPlace(
      PricingContext context, List<RateChoice> choices) {
    Map<String, RateChoice> byPlace = new HashMap<>();
    List<String> known = context.places().stream().map(PlacePricing::placeId).toList();
    for (RateChoice choice : choices == null ? List.<RateChoice>of() : choices) {
      if (choice == null || choice.placeId() == null || !known.contains(choice.placeId())) {
        throw new CommandRejectedException(
            new Rejection(
                Rejection.Kind.INVALID,
                "unknown-ticket",
                "This order has no ticket "
                    + (choice == null ? null : choice.placeId())
                    + "; its tickets are "
                    + String.join(", ", known)
                    + ".",
                choice == null || choice.placeId() == null
                    ? List.of()
                    : List.of(choice.placeId())));
      }
      if (choice.rate() == null) {
        throw new CommandRejectedException(
            Rejection.invalid(
                "rate",
                "Choose a rate for " + choice.placeId() + ": FULL, STUDENT, SUBSCRIBER or GROUP."));
      }
      if (byPlace.put(choice.placeId(), choice) != null) {
        throw new CommandRejectedException(
            Rejection.invalid(
                "duplicate-ticket", "Ticket " + choice.placeId() + " has two rate choices."));
      }
    }
    return byPlace;
  }

  private TicketRequest ticket(PlacePricing place, RateChoice choice, LocalDate today) {
    boolean subscriptionValid = false;
    switch (choice.rate()) {
      case STUDENT -> {
        String proof = choice.studentProof();
        if (proof == null || proof.isBlank() || proof.length() > 100) {
          throw new CommandRejectedException(
              new Rejection(
                  Rejection.Kind.INVALID,
                  "student-proof-required",
                  "The student rate needs the reference of a student proof (card or certificate,"
                      + " 1-100 characters) for ticket "
                      + place.placeId()
                      + "; it is checked at the door.",
                  List.of(place.placeId())));
        }
      }
      case SUBSCRIBER -> {
        subscriptionValid = requireValidSubscription(place.placeId(), choice, today);
      }
      default -> {}
    }
    return new TicketRequest(
        place.placeId(),
        place.category(),
        place.categoryName(),
        tiers(place),
        Rate.valueOf(choice.rate().name()),
        choice.studentProof(),
        choice.subscriptionNumber(),
        subscriptionValid);
  }

  private boolean requireValidSubscription(String placeId, RateChoice choice, LocalDate today) {
    String number = choice.subscriptionNumber();
    if (number == null || number.isBlank()) {
      throw new CommandRejectedException(
          new Rejection(
              Rejection.Kind.INVALID,
              "subscription-number-required",
              "The subscriber rate needs a subscription number for ticket " + placeId + ".",
              List.of(placeId)));
    }
    Optional<SubscriberRegistry.Subscription> found =
        subscribers.find(number.strip().toUpperCase(Locale.ROOT));
    if (found.isEmpty()) {
      throw invalidSubscription(
          placeId, "Subscription number " + number + " is unknown; check the number on the card.");
    }
    SubscriberRegistry.Subscription subscription = found.get();
    if (subscription.revoked()) {
      throw invalidSubscription(placeId, "Subscription " + number + " was cancelled.");
    }
    if (!subscription.validOn(today)) {
      throw invalidSubscription(
          placeId,
          "Subscription "
              + number
              + " is valid from "
              + subscription.validFrom()
              + " to "
              + subscription.validTo()
              + ", not on "
              + today
              + ".");
    }
    return true;
  }

  private static CommandRejectedException invalidSubscription(String placeId, String message) {
    return new CommandRejectedException(
        new Rejection(
            Rejection.Kind.RULE,
            "invalid-subscription",
            message + " The subscriber rate was not applied; nothing changed.",
            List.of(placeId)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
