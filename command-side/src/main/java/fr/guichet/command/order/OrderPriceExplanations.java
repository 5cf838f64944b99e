package fr.guichet.command.order;

import fr.guichet.api.order.OrderDomainEvent;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentMethod;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentRecordedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricingFailedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.RateChoice;
import fr.guichet.api.pricing.RuleSetEvent.RuleSetPublishedEvent;
import fr.guichet.api.pricing.RuleSummary;
import fr.guichet.command.pricing.RuleSets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Why an order costs what it costs, read from the order's own events and the rule-set version they
 * name: nothing is priced again.
 */
@Component
class OrderPriceExplanations {

  private final EventStore store;
  private final RuleSets ruleSets;

  OrderPriceExplanations(EventStore store, RuleSets ruleSets) {
    this.store = store;
    this.ruleSets = ruleSets;
  }

  record Explanation(
      String orderId,
      String eventId,
      String customerId,
      String language,
      String ruleSetId,
      int ruleSetVersion,
      String ruleSetHash,
      Instant ruleSetPublishedAt,
      String ruleSetComment,
      Reason reason,
      Instant pricedAt,
      long totalCents,
      List<TicketExplanation> tickets,
      List<PricingStep> history,
      String failure,
      BoxOfficePayment boxOfficePayment) {}

  /** The payment the box office took at its counter, when it did (null otherwise). */
  record BoxOfficePayment(
      BoxOfficePaymentMethod method,
      String reference,
      long amountCents,
      String currency,
      String note,
      String recordedBy,
      Instant recordedAt) {}

  record TicketExplanation(
      String placeId,
      String category,
      RateChoice.Rate rate,
      String studentProof,
      String subscriptionNumber,
      String tier,
      long baseCents,
      int discountPercent,
      long discountCents,
      long finalCents,
      List<RuleFired> rules,
      List<String> why) {}

  record RuleFired(String name, String role, String description) {}

  record PricingStep(Instant at, Reason reason, int ruleSetVersion, long totalCents) {}

  Optional<Explanation> explain(String orderId, String language) {
    List<DomainEventMessage<?>> messages =
        store.readEvents(orderId).asStream().<DomainEventMessage<?>>map(m -> m).toList();
    OrderCreatedEvent created = null;
    DomainEventMessage<?> lastPriced = null;
    OrderPricingFailedEvent failed = null;
    BoxOfficePayment boxOffice = null;
    List<PricingStep> history = new ArrayList<>();
    for (DomainEventMessage<?> message : messages) {
      Object payload = message.getPayload();
      if (payload instanceof OrderCreatedEvent c) {
        created = c;
      } else if (payload instanceof OrderPricedEvent p) {
        lastPriced = message;
        history.add(
            new PricingStep(
                message.getTimestamp(), p.reason(), p.ruleSetVersion(), p.totalCents()));
      } else if (payload instanceof OrderPricingFailedEvent f) {
        failed = f;
      } else if (payload instanceof BoxOfficePaymentRecordedEvent b) {
        boxOffice =
            new BoxOfficePayment(
                b.method(),
                b.reference(),
                b.amountCents(),
                b.currency(),
                b.note(),
                b.recordedBy(),
                message.getTimestamp());
      }
    }
    if (created == null || !(messages.get(0).getPayload() instanceof OrderDomainEvent)) {
      return Optional.empty();
    }
    if (lastPriced == null) {
      return Optional.of(
          new Explanation(
              orderId,
              created.eventId(),
              created.customerId(),
              language,
              null,
              0,
              null,
              null,
              null,
              null,
              null,
              0,
              List.of(),
              history,
              failed == null ? "Not priced yet." : failed.message(),
              boxOffice));
    }
    OrderPricedEvent priced = (OrderPricedEvent) lastPriced.getPayload();
    Optional<RuleSetPublishedEvent> version = ruleSets.version(priced.ruleSetVersion());
    Map<String, RuleSummary> rules =
        version.map(v -> v.rules()).orElse(List.of()).stream()
            .collect(Collectors.toMap(RuleSummary::name, Function.identity(), (a, b) -> a));
    List<TicketExplanation> tickets = new ArrayList<>();
    for (PricedTicket t : priced.tickets()) {
      List<RuleFired> fired = new ArrayList<>();
      fired.add(new RuleFired(t.baseRule(), "full-price", describe(rules, t.baseRule(), language)));
      for (String rule : t.appliedRules()) {
        fired.add(new RuleFired(rule, "discount", describe(rules, rule, language)));
      }
      tickets.add(
          new TicketExplanation(
              t.placeId(),
              t.category(),
              t.rate(),
              t.studentProof(),
              t.subscriptionNumber(),
              t.tier(),
              t.baseCents(),
              t.discountPercent(),
              t.discountCents(),
              t.finalCents(),
              fired,
              t.explanation()));
    }
    return Optional.of(
        new Explanation(
            orderId,
            created.eventId(),
            created.customerId(),
            language,
            priced.ruleSetId(),
            priced.ruleSetVersion(),
            priced.ruleSetHash(),
            version.map(RuleSetPublishedEvent::publishedAt).orElse(null),
            version.map(RuleSetPublishedEvent::comment).orElse(null),
            priced.reason(),
            lastPriced.getTimestamp(),
            priced.totalCents(),
            tickets,
            history,
            null,
            boxOffice));
  }

  private static String describe(Map<String, RuleSummary> rules, String name, String language) {
    RuleSummary rule = rules.get(name);
    if (rule == null) {
      return name;
    }
    boolean english = "en".equalsIgnoreCase(language);
    String text = english ? rule.descriptionEn() : rule.descriptionFr();
    return text != null ? text : english ? rule.descriptionFr() : rule.descriptionEn();
  }
}
