package fr.guichet.standalone.multinode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepScheduledEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepsStoppedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.command.security.AccessTokens;
import fr.guichet.command.service.CommandService;
import fr.guichet.query.service.QueryService;
import fr.guichet.standalone.support.ActorHeadersAsBearer;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.NodeProcess;
import fr.guichet.standalone.support.PlaceLedger;
import fr.guichet.standalone.support.Plans;
import fr.guichet.standalone.support.PostgresCluster;
import fr.guichet.standalone.support.StoredHistory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The multi-node mode without Axon Server: two command-side JVMs and one query-side JVM share one
 * PostgreSQL event store, token store and deadline store. Buyers race for twenty seats through both
 * command nodes; one node is killed with SIGKILL in the middle. Afterwards, from the event store:
 * no place was ever held or sold by two orders, every hold ended (the dead node's holds expired on
 * time, through the surviving node's deadline scheduler), every sale has its confirmed order (the
 * order process moved to the surviving node), and the query node's seat map equals the store.
 */
class MultiNodeCrashIT {

  @RegisterExtension static final PostgresCluster postgres = new PostgresCluster();

  private static final Duration HOLD = Duration.ofSeconds(8);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path LOGS = Path.of("target", "multinode");

  /**
   * Both command nodes sign and verify bearer tokens with this key, as production nodes share one.
   */
  private static final String JWT_SECRET = randomKey();

  /** Tokens for the test's callers, minted with the nodes' shared key. */
  private static final AccessTokens TOKENS =
      new AccessTokens(
          AccessTokens.loadOrCreateKey(JWT_SECRET, Path.of("target")),
          Duration.ofMinutes(15),
          java.time.Clock.systemUTC());

  private static Path data;
  private static NodeProcess nodeA;
  private static NodeProcess nodeB;
  private static NodeProcess queryNode;

  @BeforeAll
  static void startNodes() throws java.io.IOException {
    data = java.nio.file.Files.createTempDirectory("guichet-multinode");
    // Node A logs as in production: one JSON object per line (Elastic Common Schema).
    nodeA = commandNode("command-a", "--logging.structured.format.console=ecs");
    Duration startup = Duration.ofSeconds(240);
    // The first node creates the schema on the fresh database. Two nodes creating it at the same
    // moment can collide in PostgreSQL's catalog ("CREATE TABLE IF NOT EXISTS" is not safe against
    // a concurrent twin): a first start of a cluster is one node first (docs/runbook.md).
    nodeA.awaitReady(startup);
    nodeB = commandNode("command-b");
    queryNode =
        NodeProcess.start(
            "query",
            QueryService.class.getName(),
            LOGS,
            "--spring.config.name=query-service",
            "--spring.profiles.active=postgres",
            "--GUICHET_DB_URL=" + postgres.jdbcUrl(),
            "--GUICHET_DB_USER=" + postgres.username(),
            "--GUICHET_DB_PASSWORD=" + postgres.password(),
            "--spring.autoconfigure.exclude=" + NodeProcess.NO_SPRING_SECURITY,
            "--guichet.data-dir=" + data.resolve("query"));
    nodeB.awaitReady(startup);
    queryNode.awaitReady(startup);
  }

  private static NodeProcess commandNode(String name, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spring.config.name=command-service",
                "--spring.profiles.active=postgres",
                "--GUICHET_DB_URL=" + postgres.jdbcUrl(),
                "--GUICHET_DB_USER=" + postgres.username(),
                "--GUICHET_DB_PASSWORD=" + postgres.password(),
                "--guichet.data-dir=" + data.resolve(name),
                "--guichet.security.jwt-secret=" + JWT_SECRET,
                "--guichet.rate-limit.enabled=false",
                "--db-scheduler.polling-interval=500ms",
                "--db-scheduler.heartbeat-interval=1s",
                "--db-scheduler.missed-heartbeats-limit=4"));
    args.addAll(List.of(more));
    return NodeProcess.start(
        name, CommandService.class.getName(), LOGS, args.toArray(String[]::new));
  }

  @AfterAll
  static void stopNodes() {
    for (NodeProcess node : new NodeProcess[] {nodeA, nodeB, queryNode}) {
      if (node != null) {
        node.close();
      }
    }
    if (data != null) {
      org.springframework.util.FileSystemUtils.deleteRecursively(data.toFile());
    }
  }

  @Test
  void concurrent_buyers_on_two_command_nodes_one_killed_midway_never_share_a_place()
      throws Exception {
    String eventId =
        new Api(client(nodeA)).eventOnSale(Plans.TWENTY_SEATS, HOLD.toString(), 2, 1000);
    List<String> seats = new ArrayList<>();
    for (String row : List.of("A", "B")) {
      for (int n = 1; n <= 10; n++) {
        seats.add("ORCH-" + row + "-" + n);
      }
    }

    Map<String, String> heldBy = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    AtomicBoolean bAlive = new AtomicBoolean(true);
    AtomicBoolean running = new AtomicBoolean(true);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    ExecutorService buyers = Executors.newFixedThreadPool(16);
    for (int b = 0; b < 16; b++) {
      String buyer = "buyer-" + b;
      buyers.submit(
          () -> {
            int round = 0;
            while (running.get()) {
              NodeProcess node = (round++ % 2 == 0 || !bAlive.get()) ? nodeA : nodeB;
              buyOnce(http, node, eventId, buyer, seats, heldBy, answers);
            }
            return null;
          });
    }
    Thread.sleep(6_000);
    nodeB.kill();
    bAlive.set(false);
    Thread.sleep(8_000);
    running.set(false);
    buyers.shutdown();
    assertThat(buyers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    assertThat(answers.getOrDefault("201", new AtomicInteger()).get())
        .as("holds accepted, answers %s", answers)
        .isGreaterThan(10);
    assertThat(answers.keySet())
        .as("answers %s", answers)
        .allMatch(code -> code.startsWith("2") || code.equals("409") || code.equals("io"));

    // Every hold ends: the dead node's holds expire through the surviving node's scheduler.
    await()
        .atMost(HOLD.plus(Duration.ofSeconds(60)))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ledger(eventId).count(PlaceLedger.State.HELD) == 0);
    List<DomainEventMessage<?>> history = StoredHistory.read(postgres, eventId);
    PlaceLedger ledger = PlaceLedger.replay(history);
    assertThat(ledger.violations()).isEmpty();
    assertThat(ledger.count(PlaceLedger.State.FREE) + ledger.count(PlaceLedger.State.SOLD))
        .isEqualTo(20);
    Map<String, Instant> heldUntil = new HashMap<>();
    for (DomainEventMessage<?> message : history) {
      if (message.getPayload() instanceof PlacesHeldEvent held) {
        heldUntil.put(held.orderId(), held.heldUntil());
      } else if (message.getPayload() instanceof HoldExpiredEvent expired) {
        assertThat(message.getTimestamp())
            .as("expiry of %s", expired.orderId())
            .isBefore(heldUntil.get(expired.orderId()).plusSeconds(30));
      }
    }
    assertThat(heldUntil.keySet()).containsAll(heldBy.keySet());

    // Every sale's order is confirmed, wherever its processing was claimed when B died.
    List<String> sold =
        history.stream()
            .map(DomainEventMessage::getPayload)
            .filter(HeldPlacesSoldEvent.class::isInstance)
            .map(e -> ((HeldPlacesSoldEvent) e).orderId())
            .toList();
    assertThat(sold).isNotEmpty();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (String orderId : sold) {
                assertThat(
                        StoredHistory.read(postgres, orderId).stream()
                            .anyMatch(m -> m.getPayload() instanceof OrderConfirmedEvent))
                    .as("order %s confirmed", orderId)
                    .isTrue();
              }
            });

    // The query node converges on the store: its seat map is at the last event that changed a
    // place (the expiry sweep's own events, often last, change none; ADR 0707).
    long lastSequence =
        history.stream()
            .filter(
                m ->
                    !(m.getPayload() instanceof HoldExpirySweepScheduledEvent)
                        && !(m.getPayload() instanceof HoldExpirySweepsStoppedEvent))
            .reduce((first, second) -> second)
            .orElseThrow()
            .getSequenceNumber();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode availability =
                  JSON.readTree(
                      get(
                          http,
                          queryNode.baseUrl()
                              + "/api/events/"
                              + eventId
                              + "/availability/places?ids="
                              + String.join(",", seats)));
              assertThat(availability.get("version").asLong()).isEqualTo(lastSequence);
              ledger
                  .states()
                  .forEach(
                      (placeId, state) ->
                          assertThat(availability.get("states").get(placeId).asText())
                              .as(placeId)
                              .isEqualTo(state.name()));
            });
  }

  @Test
  void a_node_configured_for_structured_logs_writes_one_json_object_per_line() {
    List<String> json = nodeA.logLines().stream().filter(line -> line.startsWith("{")).toList();
    assertThat(json).hasSizeGreaterThan(20);
    assertThat(json)
        .allSatisfy(
            line -> {
              JsonNode entry = JSON.readTree(line);
              assertThat(entry.has("@timestamp")).as(line).isTrue();
              assertThat(entry.has("log")).as(line).isTrue();
            });
  }

  @Test
  void the_event_stores_global_index_is_taken_one_value_at_a_time() throws Exception {
    try (var connection =
            java.sql.DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "select increment_by from pg_sequences"
                        + " where sequencename = 'domain_event_entry_seq'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getLong(1)).isEqualTo(1);
    }
  }

  private static PlaceLedger ledger(String eventId) {
    return PlaceLedger.replay(StoredHistory.read(postgres, eventId));
  }

  private static void buyOnce(
      HttpClient http,
      NodeProcess node,
      String eventId,
      String buyer,
      List<String> seats,
      Map<String, String> heldBy,
      Map<String, AtomicInteger> answers) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<String> wanted = new ArrayList<>();
    wanted.add(seats.get(random.nextInt(seats.size())));
    if (random.nextBoolean()) {
      String second = seats.get(random.nextInt(seats.size()));
      if (!wanted.contains(second)) {
        wanted.add(second);
      }
    }
    try {
      HttpResponse<String> hold =
          post(
              http,
              node,
              "/api/events/" + eventId + "/holds",
              buyer,
              "SPECTATOR",
              JSON.writeValueAsString(Map.of("placeIds", wanted)));
      count(answers, hold.statusCode());
      if (hold.statusCode() != 201) {
        return;
      }
      String orderId = JSON.readTree(hold.body()).get("orderId").asText();
      heldBy.put(orderId, buyer);
      int fate = random.nextInt(3);
      if (fate == 0) {
        count(
            answers,
            post(
                    http,
                    node,
                    "/api/events/" + eventId + "/holds/" + orderId + "/box-office-payment",
                    "box-office",
                    "MANAGER",
                    "{\"method\":\"CASH\"}")
                .statusCode());
      } else if (fate == 1) {
        count(
            answers,
            post(
                    http,
                    node,
                    "/api/events/" + eventId + "/holds/" + orderId + "/release",
                    buyer,
                    "SPECTATOR",
                    "{}")
                .statusCode());
      }
    } catch (java.io.IOException e) {
      answers.computeIfAbsent("io", k -> new AtomicInteger()).incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void count(Map<String, AtomicInteger> answers, int status) {
    answers.computeIfAbsent(Integer.toString(status), k -> new AtomicInteger()).incrementAndGet();
  }

  private static HttpResponse<String> post(
      HttpClient http, NodeProcess node, String path, String actor, String role, String body)
      throws java.io.IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TOKENS.issue(actor, role).token())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return response.body();
  }

  private static WebTestClient client(NodeProcess node) {
    return WebTestClient.bindToServer(
            new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.newConnection()))
        .baseUrl(node.baseUrl())
        .responseTimeout(Duration.ofSeconds(30))
        .filter(new ActorHeadersAsBearer(TOKENS))
        .build();
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }
}
