package fr.guichet.bench;

import fr.guichet.api.event.EventCommand.ApproveSalesCommand;
import fr.guichet.api.event.EventCommand.ConfigureSeatingPlanCommand;
import fr.guichet.api.event.EventCommand.CreateEventCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.OpenSalesCommand;
import fr.guichet.api.event.EventCommand.SetSalesLimitsCommand;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SalesLimits;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.command.service.CommandService;
import fr.guichet.standalone.GuichetApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform started in this JVM on a temporary data directory (H2 defaults), and the 50,000-seat
 * events the phases run against: either the whole standalone platform ({@link GuichetApplication}:
 * command side, query side with its embedded MongoDB-wire server and projections) or the command
 * side alone, as docker-compose.yml deploys it ({@link CommandService} with {@code
 * command-service.properties}, as {@code ServicesStartAloneIT} starts it).
 */
final class Platform implements AutoCloseable {

  static final String ORDER_LIFECYCLE = "order-lifecycle";
  static final int SECTIONS = 10;
  static final int ROWS = 50;
  static final int SEATS_PER_ROW = 100;
  static final int CAPACITY = SECTIONS * ROWS * SEATS_PER_ROW;

  private final ConfigurableApplicationContext context;
  final CommandGateway gateway;
  final EventStore eventStore;
  final int port;
  final fr.guichet.command.security.AccessTokens accessTokens;
  private int events;

  /** What runs in the JVM: the whole platform, or the command-side service alone. */
  enum Kind {
    WHOLE("whole"),
    COMMAND_SIDE("command-side");

    final String option;

    Kind(String option) {
      this.option = option;
    }

    static Kind of(String option) {
      for (Kind kind : values()) {
        if (kind.option.equals(option)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "--platform=" + option + ": expected 'whole' or 'command-side'");
    }
  }

  /**
   * Spring Boot's MongoDB auto-configurations. The bench's classpath carries the query side and its
   * MongoDB driver; the command-side service's own jar has neither, so they are left out when it
   * runs alone (otherwise a MongoClient would keep trying localhost:27017).
   */
  static final String NO_MONGO =
      String.join(
          ",",
          "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
          "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
          "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
          "org.springframework.boot.mongodb.autoconfigure.health"
              + ".MongoReactiveHealthContributorAutoConfiguration",
          "org.springframework.boot.mongodb.autoconfigure.metrics.MongoMetricsAutoConfiguration",
          "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
          "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
          "org.springframework.boot.data.mongodb.autoconfigure"
              + ".DataMongoReactiveRepositoriesAutoConfiguration",
          "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration");

  final Kind kind;

  Platform(Path dataDir, List<String> springArgs) {
    this(Kind.WHOLE, dataDir, springArgs);
  }

  Platform(Kind kind, Path dataDir, List<String> springArgs) {
    GuichetApplication.quietDefaults();
    this.kind = kind;
    List<String> args = new ArrayList<>();
    if (kind == Kind.COMMAND_SIDE) {
      // Settings in program arguments: they win over the properties files (STACK.md).
      args.add("--spring.config.name=command-service");
      args.add("--spring.autoconfigure.exclude=" + NO_MONGO);
    }
    args.add("--guichet.data-dir=" + dataDir);
    args.add("--server.port=0");
    args.add("--logging.level.root=WARN");
    args.add("--spring.main.banner-mode=off");
    args.addAll(springArgs);
    context =
        new SpringApplicationBuilder(
                kind == Kind.COMMAND_SIDE ? CommandService.class : GuichetApplication.class)
            .run(args.toArray(String[]::new));
    gateway = context.getBean(CommandGateway.class);
    eventStore = context.getBean(EventStore.class);
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1"));
    accessTokens = context.getBean(fr.guichet.command.security.AccessTokens.class);
  }

  /**
   * The batching command bus's counters so far (commands committed in batches of two or more, such
   * batches, batches replayed one by one, commands refused), or null on another bus.
   */
  double[] commandBatching() {
    io.micrometer.core.instrument.MeterRegistry meters =
        context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
    io.micrometer.core.instrument.Counter commands =
        meters.find("guichet.command.batching.commands").counter();
    if (commands == null) {
      return null;
    }
    return new double[] {
      commands.count(),
      meters.get("guichet.command.batching.batches").counter().count(),
      meters.get("guichet.command.batching.fallbacks").counter().count(),
      meters.get("guichet.command.batching.refused").counter().count()
    };
  }

  /** Seat ids of the bench plan, in plan order: {@code S01-1-1} … {@code S10-50-100}. */
  static List<String> seatIds() {
    List<String> ids = new ArrayList<>(CAPACITY);
    for (int s = 1; s <= SECTIONS; s++) {
      for (int r = 1; r <= ROWS; r++) {
        for (int n = 1; n <= SEATS_PER_ROW; n++) {
          ids.add(section(s) + "-" + r + "-" + n);
        }
      }
    }
    return ids;
  }

  private static String section(int s) {
    return String.format("S%02d", s);
  }

  /** A new event with 50,000 seats, limits out of the way, 10-minute holds, on sale. */
  String newEventOnSale(String label) {
    return newEventOnSale(label, Duration.ofMinutes(10));
  }

  /**
   * Checks that a hold still expires on its persisted deadline with the configured command bus:
   * holds one seat for 10 s (the shortest hold allowed) and waits for the HoldExpiredEvent.
   */
  String expiryCheck() throws InterruptedException {
    String eventId = newEventOnSale("expiry", Duration.ofSeconds(10));
    long start = System.nanoTime();
    gateway.sendAndWait(
        new HoldPlacesCommand(
            eventId,
            "expiry-order",
            "expiry-customer",
            PlaceSelection.specific(List.of("S01-1-1"))));
    while (System.nanoTime() - start < Duration.ofSeconds(40).toNanos()) {
      boolean expired =
          eventStore
              .readEvents(eventId)
              .asStream()
              .anyMatch(m -> m.getPayload() instanceof HoldExpiredEvent);
      if (expired) {
        return String.format(
            "hold expired on its deadline %.1f s after a 10 s hold",
            (System.nanoTime() - start) / 1e9);
      }
      Thread.sleep(250);
    }
    return "FAILED: no HoldExpiredEvent 40 s after a 10 s hold";
  }

  private String newEventOnSale(String label, Duration holdDuration) {
    String eventId = "bench-" + label + "-" + (++events) + "-" + System.nanoTime();
    gateway.sendAndWait(
        new CreateEventCommand(
            eventId,
            "Bench " + label,
            "Bench hall",
            Instant.now().plus(Duration.ofDays(30)),
            "booking-core benchmark"));
    List<Section> sections = new ArrayList<>();
    for (int s = 1; s <= SECTIONS; s++) {
      sections.add(
          new Section(
              section(s),
              "Section " + s,
              List.of(new SeatBlock("1-" + ROWS, 1, SEATS_PER_ROW, "CAT1", Set.of()))));
    }
    SeatingPlan plan =
        new SeatingPlan(
            List.of(
                new PriceCategory(
                    "CAT1", "Catégorie 1", List.of(new PriceTier("FULL", "Plein", 5000)))),
            sections,
            List.of());
    gateway.sendAndWait(new ConfigureSeatingPlanCommand(eventId, plan));
    gateway.sendAndWait(
        new SetSalesLimitsCommand(eventId, new SalesLimits(100, 1_000, holdDuration)));
    gateway.sendAndWait(new ApproveSalesCommand(eventId));
    gateway.sendAndWait(new OpenSalesCommand(eventId, null));
    return eventId;
  }

  /** The names of every event processor running in this platform, sorted. */
  List<String> processorNames() {
    return context.getBean(EventProcessingConfiguration.class).eventProcessors().keySet().stream()
        .sorted()
        .toList();
  }

  /** Every streaming (tracking or pooled) event processor of the platform, by name. */
  Map<String, StreamingEventProcessor> streamingProcessors() {
    Map<String, StreamingEventProcessor> streaming = new TreeMap<>();
    context
        .getBean(EventProcessingConfiguration.class)
        .eventProcessors()
        .forEach(
            (name, processor) -> {
              if (processor instanceof StreamingEventProcessor s) {
                streaming.put(name, s);
              }
            });
    return streaming;
  }

  /** Axon's transaction manager (the event store's appends run in its transactions). */
  org.axonframework.common.transaction.TransactionManager transactionManager() {
    return context.getBean(org.axonframework.common.transaction.TransactionManager.class);
  }

  /** The global position of the newest event in the store (-1 when empty). */
  long headPosition() {
    TrackingToken head = eventStore.createHeadToken();
    return head == null ? -1 : head.position().orElse(-1);
  }

  /** The position a processor has handled up to (the lowest of its segments; -1 before any). */
  static long positionOf(StreamingEventProcessor processor) {
    long position = Long.MAX_VALUE;
    for (EventTrackerStatus status : processor.processingStatus().values()) {
      position = Math.min(position, status.getCurrentPosition().orElse(-1));
    }
    return position == Long.MAX_VALUE ? -1 : position;
  }

  private TrackingEventProcessor orderLifecycle() {
    return context
        .getBean(EventProcessingConfiguration.class)
        .eventProcessor(ORDER_LIFECYCLE, TrackingEventProcessor.class)
        .orElseThrow(() -> new IllegalStateException("no tracking processor " + ORDER_LIFECYCLE));
  }

  void pauseOrderLifecycle() {
    orderLifecycle().shutDown();
  }

  void resumeOrderLifecycle() {
    orderLifecycle().start();
  }

  /**
   * Waits until the order-lifecycle process has handled every event in the store (so that one
   * phase's backlog does not load the next) and returns how long that took.
   */
  Duration drainOrderLifecycle(Duration atMost) throws InterruptedException {
    long start = System.nanoTime();
    TrackingToken head = eventStore.createHeadToken();
    long target = head == null ? -1 : head.position().orElse(-1);
    TrackingEventProcessor processor = orderLifecycle();
    while (System.nanoTime() - start < atMost.toNanos()) {
      long position = -1;
      for (EventTrackerStatus status : processor.processingStatus().values()) {
        position = Math.max(position, status.getCurrentPosition().orElse(-1));
      }
      if (position >= target) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      Thread.sleep(100);
    }
    return Duration.ofNanos(-1);
  }

  @Override
  public void close() {
    context.close();
  }
}
