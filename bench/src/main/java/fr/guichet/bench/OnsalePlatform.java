package fr.guichet.bench;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.LatePaymentAcceptedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.command.audit.SeatingReplay;
import fr.guichet.command.audit.SeatingReplay.PlaceState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The platform side of the onsale benchmark, run in its own JVM by {@link OnsaleBench}: the
 * standalone application ({@link Platform}: real application.properties, H2 file store, HTTP on a
 * random port), which prints {@code PLATFORM-PORT n} once it listens and then obeys commands on its
 * standard input: {@code check <eventId> <file>} replays the event's history from the event store
 * and prints {@code CHECK|…} lines; {@code quit} closes it.
 */
final class OnsalePlatform {

  private OnsalePlatform() {}

  static void main(String[] args) throws Exception {
    Path dataDir = null;
    List<String> springArgs = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--guichet.data-dir=")) {
        dataDir = Path.of(arg.substring("--guichet.data-dir=".length()));
      } else {
        springArgs.add(arg);
      }
    }
    if (dataDir == null) {
      dataDir = Files.createTempDirectory("guichet-onsale-");
    }
    try (Platform platform = new Platform(dataDir, springArgs)) {
      System.out.println("PLATFORM-PORT " + platform.port);
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        String[] words = line.trim().split("\\s+");
        if (words[0].equals("quit")) {
          break;
        }
        if (words[0].equals("check") && words.length == 3) {
          try {
            check(platform, words[1], Path.of(words[2]))
                .forEach(l -> System.out.println("CHECK|" + l));
          } catch (Exception e) {
            System.out.println("CHECK|error " + e);
          }
          System.out.println("CHECK-END");
          System.out.flush();
        }
      }
    }
    System.exit(0);
  }

  /**
   * Replays the event with the command side's own {@link SeatingReplay} (places taken twice, ends
   * of holds that were not active, counts) and compares it with what the load generator was told:
   * the file has lines {@code hold <orderId> <place,place…>} for every 201, {@code paid <orderId>}
   * for every order the API reported CONFIRMED, and {@code succeeded <orderId>} for every payment
   * the bank reported SUCCEEDED and did not refund (counted: sold in the store yet or not).
   */
  static List<String> check(Platform platform, String eventId, Path acknowledged) throws Exception {
    List<DomainEventMessage<?>> history = new ArrayList<>();
    platform.eventStore.readEvents(eventId).asStream().forEach(history::add);
    SeatingReplay replay = SeatingReplay.of(history);
    Map<String, List<String>> storedHolds = new HashMap<>();
    Map<String, String> customerOf = new HashMap<>();
    Map<String, Long> soldAt = new HashMap<>();
    int sales = 0;
    // The store's own timeline: when holds were stored, and when the sold count reached capacity.
    int capacity = replay.capacity();
    int sold = 0;
    long soldOutAt = -1;
    long firstHold = -1;
    long lastHold = -1;
    long lastSale = -1;
    Map<Long, Integer> holdsPerSecond = new HashMap<>();
    for (DomainEventMessage<?> m : history) {
      long at = m.getTimestamp().toEpochMilli();
      if (m.getPayload() instanceof PlacesHeldEvent e) {
        storedHolds.put(e.orderId(), e.placeIds());
        customerOf.put(e.orderId(), e.customerId());
        firstHold = firstHold < 0 ? at : firstHold;
        lastHold = at;
        holdsPerSecond.merge(at / 1000, 1, Integer::sum);
      } else if (m.getPayload() instanceof HeldPlacesSoldEvent e) {
        sales++;
        sold += e.placeIds().size();
        lastSale = at;
        soldAt.put(e.orderId(), at);
      } else if (m.getPayload() instanceof LatePaymentAcceptedEvent e) {
        sold += e.placeIds().size();
        lastSale = at;
        soldAt.put(e.orderId(), at);
      } else if (m.getPayload() instanceof SaleCancelledEvent e) {
        sold -= e.placeIds().size();
      } else if (m.getPayload() instanceof SoldPlacesCancelledEvent e) {
        sold -= e.placeIds().size();
      } else if (m.getPayload() instanceof PlacesBlockedEvent e) {
        sold += e.placeIds().size();
      } else if (m.getPayload() instanceof PlacesUnblockedEvent e) {
        sold -= e.placeIds().size();
      }
      if (soldOutAt < 0 && capacity > 0 && sold >= capacity) {
        soldOutAt = at;
      }
    }
    int acknowledgedHolds = 0;
    int holdsLost = 0;
    int paid = 0;
    int paidLost = 0;
    int succeeded = 0;
    int succeededSold = 0;
    List<String> examples = new ArrayList<>();
    List<Long> paidToSold = new ArrayList<>();
    List<Long> paidToConfirmed = new ArrayList<>();
    for (String line : Files.readAllLines(acknowledged)) {
      String[] f = line.split(" ");
      if (f[0].equals("hold")) {
        acknowledgedHolds++;
        List<String> stored = storedHolds.get(f[1]);
        Set<String> told = new HashSet<>(Arrays.asList(f[2].split(",")));
        if (stored == null || !new HashSet<>(stored).equals(told)) {
          holdsLost++;
          if (examples.size() < 5) {
            examples.add("hold " + f[1] + " " + told + " stored as " + stored);
          }
        }
      } else if (f[0].equals("succeeded")) {
        succeeded++;
        if (replay.soldByOrder().containsKey(f[1])) {
          succeededSold++;
        }
        if (f.length > 2) {
          long paidAt = timeOf(platform, f[2], PaymentSucceededEvent.class);
          long confirmedAt = timeOf(platform, f[1], OrderConfirmedEvent.class);
          if (paidAt >= 0 && soldAt.containsKey(f[1])) {
            paidToSold.add(soldAt.get(f[1]) - paidAt);
          }
          if (paidAt >= 0 && confirmedAt >= 0) {
            paidToConfirmed.add(confirmedAt - paidAt);
          }
        }
      } else if (f[0].equals("paid")) {
        paid++;
        if (!replay.soldByOrder().containsKey(f[1])) {
          paidLost++;
          if (examples.size() < 5) {
            examples.add("paid order " + f[1] + " not sold in the store");
          }
        }
      }
    }
    Map<String, int[]> byKind = new HashMap<>(); // prefix -> {customers with places, places}
    Map<String, Integer> placesByCustomer = new HashMap<>();
    replay
        .soldByOrder()
        .forEach(
            (orderId, places) ->
                placesByCustomer.merge(customerOf.get(orderId), places.size(), Integer::sum));
    placesByCustomer.forEach(
        (customer, places) -> {
          String kind = customer == null ? "?" : customer.substring(0, customer.indexOf('-') + 1);
          int[] c = byKind.computeIfAbsent(kind, k -> new int[2]);
          c[0]++;
          c[1] += places;
        });
    List<String> out = new ArrayList<>();
    out.add("events " + history.size());
    out.add("capacity " + replay.capacity());
    for (PlaceState s : PlaceState.values()) {
      out.add("state " + s + " " + replay.count(s));
    }
    out.add("violations " + replay.violations().size());
    out.add("sold-out-at " + soldOutAt);
    out.add("first-hold " + firstHold);
    out.add("last-hold " + lastHold);
    out.add("last-sale " + lastSale);
    out.add(
        "stored-holds-peak-second "
            + holdsPerSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    replay.violations().stream().limit(5).forEach(v -> out.add("violation " + v));
    out.add("stored-holds " + storedHolds.size());
    out.add("sales " + sales);
    out.add("acknowledged-holds " + acknowledgedHolds);
    out.add("holds-lost " + holdsLost);
    out.add("paid-orders " + paid);
    out.add("paid-orders-lost " + paidLost);
    out.add("succeeded-payments " + succeeded);
    out.add("succeeded-sold " + succeededSold);
    out.add("paid-to-sold-ms " + percentiles(paidToSold));
    out.add("paid-to-confirmed-ms " + percentiles(paidToConfirmed));
    examples.forEach(e -> out.add("example " + e));
    byKind.forEach((kind, c) -> out.add("sold-to " + kind + " " + c[0] + " " + c[1]));
    return out;
  }

  /** When the aggregate's first event of {@code type} was stored (epoch ms), or -1. */
  private static long timeOf(Platform platform, String aggregateId, Class<?> type) {
    return platform
        .eventStore
        .readEvents(aggregateId)
        .asStream()
        .filter(m -> type.isInstance(m.getPayload()))
        .mapToLong(m -> m.getTimestamp().toEpochMilli())
        .findFirst()
        .orElse(-1);
  }

  private static String percentiles(List<Long> millis) {
    if (millis.isEmpty()) {
      return "none";
    }
    long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
    return String.format(
        "n=%d p50=%d p90=%d p99=%d max=%d",
        sorted.length,
        sorted[(int) (0.50 * (sorted.length - 1))],
        sorted[(int) (0.90 * (sorted.length - 1))],
        sorted[(int) (0.99 * (sorted.length - 1))],
        sorted[sorted.length - 1]);
  }
}
