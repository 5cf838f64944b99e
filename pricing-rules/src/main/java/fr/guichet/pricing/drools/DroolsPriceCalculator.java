package fr.guichet.pricing.drools;

import fr.guichet.pricing.PriceCalculator;
import fr.guichet.pricing.PricingException;
import fr.guichet.pricing.PricingRequest;
import fr.guichet.pricing.PricingRequest.TicketRequest;
import fr.guichet.pricing.PricingResult;
import fr.guichet.pricing.PricingResult.TicketPrice;
import fr.guichet.pricing.TierPrice;
import fr.guichet.pricing.facts.AllowStacking;
import fr.guichet.pricing.facts.BasePrice;
import fr.guichet.pricing.facts.Basket;
import fr.guichet.pricing.facts.Discount;
import fr.guichet.pricing.facts.Exclusion;
import fr.guichet.pricing.facts.RuleOutcome;
import fr.guichet.pricing.facts.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/** Prices with one compiled Drools knowledge base; a fresh session per basket. */
final class DroolsPriceCalculator implements PriceCalculator {

  static final String LOOP = "rules-loop";
  static final String TIMEOUT = "rules-timeout";
  static final String FAILED = "rule-failed";

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "pricing-rules-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  private final KieBase base;
  private final int maxFirings;
  private final Duration timeout;

  DroolsPriceCalculator(KieBase base, int maxFirings, Duration timeout) {
    this.base = base;
    this.maxFirings = maxFirings;
    this.timeout = timeout;
  }

  @Override
  public PricingResult price(PricingRequest request) {
    return price(request, true);
  }

  /** Prices with the firing limit, and with the time-out only when {@code timed}. */
  PricingResult price(PricingRequest request, boolean timed) {
    if (request.tickets().isEmpty()) {
      throw new PricingException("empty-basket", "There is no ticket to price.", List.of());
    }
    KieSession session = base.newKieSession();
    Map<String, Integer> firingsByRule = new HashMap<>();
    Map<String, Integer> updatesByRule = new HashMap<>();
    session.addEventListener(
        new DefaultRuleRuntimeEventListener() {
          @Override
          public void objectInserted(ObjectInsertedEvent event) {
            if (event.getObject() instanceof RuleOutcome outcome && event.getRule() != null) {
              outcome.recordRule(event.getRule().getName());
            }
          }

          @Override
          public void objectUpdated(ObjectUpdatedEvent event) {
            if (event.getRule() != null) {
              updatesByRule.merge(event.getRule().getName(), 1, Integer::sum);
            }
          }
        });
    session.addEventListener(
        new DefaultAgendaEventListener() {
          @Override
          public void afterMatchFired(AfterMatchFiredEvent event) {
            firingsByRule.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
          }
        });
    AtomicBoolean timedOut = new AtomicBoolean();
    try {
      Map<String, Ticket> tickets = insertFacts(session, request);
      int fired;
      ScheduledFuture<?> watchdog =
          timed
              ? WATCHDOG.schedule(
                  () -> {
                    timedOut.set(true);
                    session.halt();
                  },
                  timeout.toMillis(),
                  TimeUnit.MILLISECONDS)
              : null;
      try {
        fired = session.fireAllRules(maxFirings);
      } catch (ConsequenceException e) {
        throw new PricingException(
            FAILED,
            "Rule '" + e.getMatch().getRule().getName() + "' failed: " + rootMessage(e),
            List.of());
      } catch (RuntimeException e) {
        throw new PricingException(FAILED, "The rules failed: " + rootMessage(e), List.of());
      } finally {
        if (watchdog != null) {
          watchdog.cancel(false);
        }
      }
      if (timedOut.get()) {
        throw new PricingException(
            TIMEOUT,
            "The rules did not finish within "
                + timeout.toMillis()
                + " ms; busiest rule "
                + busiest(firingsByRule)
                + ".",
            List.of());
      }
      if (fired >= maxFirings) {
        throw new PricingException(
            LOOP,
            "The rules stopped after "
                + maxFirings
                + " firings; rule "
                + busiest(updatesByRule.isEmpty() ? firingsByRule : updatesByRule)
                + " probably triggers itself again and again.",
            List.of());
      }
      return resolve(request, tickets, collect(session), fired);
    } finally {
      session.dispose();
    }
  }

  private static Map<String, Ticket> insertFacts(KieSession session, PricingRequest request) {
    session.insert(
        new Basket(request.tickets().size(), request.saleTime(), request.salesOpenedAt()));
    Map<String, Integer> inBasket = new HashMap<>();
    Map<String, Ticket> tickets = new LinkedHashMap<>();
    for (TicketRequest t : request.tickets()) {
      int before =
          request.takenBeforeByCategory().getOrDefault(t.category(), 0)
              + inBasket.merge(String.valueOf(t.category()), 1, Integer::sum)
              - 1;
      Map<String, Long> prices = new LinkedHashMap<>();
      for (TierPrice tier : t.tiers()) {
        prices.putIfAbsent(tier.code(), tier.priceCents());
      }
      Ticket fact =
          new Ticket(
              t.ticketId(),
              t.category(),
              t.rate().name(),
              t.studentProof() != null && !t.studentProof().isBlank(),
              t.subscriptionValid()
                  && t.subscriptionNumber() != null
                  && !t.subscriptionNumber().isBlank(),
              before,
              prices);
      if (tickets.putIfAbsent(t.ticketId(), fact) != null) {
        throw new PricingException(
            "duplicate-ticket",
            "Ticket " + t.ticketId() + " appears twice in the basket.",
            List.of(t.ticketId()));
      }
      session.insert(fact);
    }
    return tickets;
  }

  private record Outcomes(
      List<BasePrice> bases,
      List<Discount> discounts,
      List<Exclusion> exclusions,
      List<AllowStacking> stacking) {}

  private static Outcomes collect(KieSession session) {
    Outcomes outcomes =
        new Outcomes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Object fact : session.getObjects(f -> f instanceof RuleOutcome)) {
      if (fact instanceof BasePrice b) {
        outcomes.bases.add(b);
      } else if (fact instanceof Discount d) {
        outcomes.discounts.add(d);
      } else if (fact instanceof Exclusion e) {
        outcomes.exclusions.add(e);
      } else if (fact instanceof AllowStacking s) {
        outcomes.stacking.add(s);
      }
    }
    return outcomes;
  }

  private static PricingResult resolve(
      PricingRequest request, Map<String, Ticket> tickets, Outcomes outcomes, int fired) {
    List<String> unpriced = new ArrayList<>();
    List<String> unpricedIds = new ArrayList<>();
    List<String> ambiguous = new ArrayList<>();
    List<String> ambiguousIds = new ArrayList<>();
    List<TicketPrice> prices = new ArrayList<>();
    long total = 0;
    for (TicketRequest t : request.tickets()) {
      Ticket fact = tickets.get(t.ticketId());
      List<BasePrice> bases =
          outcomes.bases.stream()
              .filter(b -> b.getTicket() == fact)
              .sorted(Comparator.comparing(RuleOutcome::getRule))
              .toList();
      if (bases.isEmpty()) {
        unpriced.add(t.ticketId() + " (" + t.category() + ")");
        unpricedIds.add(t.ticketId());
        continue;
      }
      if (bases.size() > 1) {
        ambiguous.add(
            t.ticketId()
                + " ("
                + String.join(", ", bases.stream().map(RuleOutcome::getRule).toList())
                + ")");
        ambiguousIds.add(t.ticketId());
        continue;
      }
      TicketPrice price = priceOne(t, fact, bases.get(0), outcomes);
      total += price.finalCents();
      prices.add(price);
    }
    if (!unpriced.isEmpty()) {
      throw new PricingException(
          "no-full-price",
          "No rule gives a full price to "
              + String.join(", ", unpriced)
              + "; nothing was priced (a ticket is never sold at 0).",
          unpricedIds);
    }
    if (!ambiguous.isEmpty()) {
      throw new PricingException(
          "ambiguous-full-price",
          "Several rules give a full price to " + String.join("; ", ambiguous) + ".",
          ambiguousIds);
    }
    return new PricingResult(prices, total, fired);
  }

  private static TicketPrice priceOne(
      TicketRequest t, Ticket fact, BasePrice base, Outcomes outcomes) {
    Long baseCents = fact.priceOf(base.getTier());
    if (baseCents == null) {
      throw new PricingException(
          "unknown-tier",
          "Rule '"
              + base.getRule()
              + "' chose tier "
              + base.getTier()
              + ", which category "
              + t.category()
              + " does not have.",
          List.of(t.ticketId()));
    }
    List<String> explanation = new ArrayList<>();
    explanation.add(
        base.getRule() + ": full price " + euros(baseCents) + " (tier " + base.getTier() + ").");
    List<Discount> discounts =
        outcomes.discounts.stream()
            .filter(d -> d.getTicket() == fact)
            .sorted(
                Comparator.comparingInt((Discount d) -> -d.getPercent())
                    .thenComparing(RuleOutcome::getRule))
            .toList();
    for (Discount d : discounts) {
      if (d.getPercent() <= 0 || d.getPercent() > 100) {
        throw new PricingException(
            "invalid-discount",
            "Rule '" + d.getRule() + "' gives a discount of " + d.getPercent() + "%.",
            List.of(t.ticketId()));
      }
    }
    List<Exclusion> exclusions =
        outcomes.exclusions.stream()
            .filter(e -> e.getTicket() == fact)
            .sorted(Comparator.comparing(RuleOutcome::getRule))
            .toList();
    List<Discount> best = List.of();
    if (!exclusions.isEmpty()) {
      String by = exclusions.get(0).getRule();
      explanation.add(by + ": no discount for this ticket.");
      for (Discount d : discounts) {
        explanation.add(
            d.getRule() + " (-" + d.getPercent() + "%) not applied: excluded by " + by + ".");
      }
    } else if (!discounts.isEmpty()) {
      best = bestCombination(discounts, outcomes.stacking, baseCents);
      long running = baseCents;
      for (Discount d : best) {
        long off = percentOf(running, d.getPercent());
        running -= off;
        explanation.add(d.getRule() + ": -" + d.getPercent() + "% = -" + euros(off) + ".");
      }
      String winners = String.join(" + ", best.stream().map(RuleOutcome::getRule).toList());
      for (Discount d : discounts) {
        if (!best.contains(d)) {
          explanation.add(
              d.getRule()
                  + " (-"
                  + d.getPercent()
                  + "%) not applied: discounts do not add up and "
                  + winners
                  + " gives more.");
        }
      }
    }
    long finalCents = baseCents;
    for (Discount d : best) {
      finalCents -= percentOf(finalCents, d.getPercent());
    }
    long discountCents = baseCents - finalCents;
    int percent = baseCents == 0 ? 0 : (int) Math.round(discountCents * 100.0 / baseCents);
    explanation.add("Price paid: " + euros(finalCents) + ".");
    return new TicketPrice(
        t.ticketId(),
        t.category(),
        t.rate(),
        base.getTier(),
        baseCents,
        base.getRule(),
        best.stream().map(RuleOutcome::getRule).toList(),
        percent,
        discountCents,
        finalCents,
        explanation);
  }

  private static List<Discount> bestCombination(
      List<Discount> discounts, List<AllowStacking> stacking, long baseCents) {
    List<List<Discount>> candidates = new ArrayList<>();
    for (Discount d : discounts) {
      candidates.add(List.of(d));
    }
    for (int i = 0; i < discounts.size(); i++) {
      for (int j = i + 1; j < discounts.size(); j++) {
        Discount a = discounts.get(i);
        Discount b = discounts.get(j);
        if (!a.getRule().equals(b.getRule())
            && stacking.stream().anyMatch(s -> s.allows(a.getRule(), b.getRule()))) {
          candidates.add(List.of(a, b));
        }
      }
    }
    return candidates.stream()
        .min(
            Comparator.comparingLong((List<Discount> c) -> -discountOf(c, baseCents))
                .thenComparingInt(List::size)
                .thenComparing(c -> c.get(0).getRule()))
        .orElseThrow();
  }

  private static long discountOf(List<Discount> combination, long baseCents) {
    long running = baseCents;
    for (Discount d : combination) {
      running -= percentOf(running, d.getPercent());
    }
    return baseCents - running;
  }

  static long percentOf(long cents, int percent) {
    return (cents * percent + 50) / 100;
  }

  static String euros(long cents) {
    return String.format(java.util.Locale.ROOT, "%d.%02d €", cents / 100, cents % 100);
  }

  private static String busiest(Map<String, Integer> firingsByRule) {
    return firingsByRule.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(e -> "'" + e.getKey() + "' (" + e.getValue() + " times)")
        .orElse("unknown");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
