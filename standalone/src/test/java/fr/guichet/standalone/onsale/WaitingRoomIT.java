package fr.guichet.standalone.onsale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Onsale;
import fr.guichet.standalone.support.Visitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;

/** The waiting room over HTTP: admission tokens at the hold, the fair pre-queue, live updates. */
@TestMethodOrder(OrderAnnotation.class)
class WaitingRoomIT {

  @TempDir static Path dataDir;
  static GuichetInstance guichet;
  static String preQueuedEvent;
  static final Map<String, Long> positionsBeforeRestart = new HashMap<>();

  @BeforeAll
  static void start() {
    guichet = start(dataDir);
  }

  private static GuichetInstance start(Path dir) {
    // The configured pace, whatever the load of the machine running the test: the adaptation to
    // the measured capacity is AdaptiveAdmissionTest's and AdaptiveAdmissionInRoomsTest's.
    return GuichetInstance.start(
        dir,
        "--guichet.waiting-room.token-ttl=PT2S",
        "--guichet.waiting-room.adaptive.enabled=false");
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  private static String admissionToken(Visitor visitor, String eventId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> (String) visitor.place(eventId).get("admissionToken"), t -> t != null);
  }

  private static String problemCode(Visitor visitor, String eventId, String token) {
    Map<?, ?> problem =
        visitor
            .hold(eventId, Visitor.standing(1), token, null)
            .expectStatus()
            .isForbidden()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) problem.get("code");
  }

  @Test
  @Order(1)
  void only_a_manager_switches_the_waiting_room_on() {
    String eventId = new Api(guichet.http()).eventOnSale("PT10M", 4, 4);
    new Onsale(guichet.http())
        .configure(eventId, "SPECTATOR", Onsale.room(600, null))
        .expectStatus()
        .isForbidden();
    assertThat(new Onsale(guichet.http()).room(eventId)).containsEntry("waiting", 0);
  }

  @Test
  @Order(2)
  void joining_the_waiting_list_takes_an_admission_token_like_holding() {
    String eventId = new Api(guichet.http()).eventOnSale("PT10M", 4, 4);
    new Onsale(guichet.http()).configure(eventId, Onsale.room(6000, null));
    Visitor carol = new Visitor(guichet.http(), "carol");

    Map<?, ?> refused =
        carol
            .joinWaitingList(eventId, Visitor.standing(1), null, null)
            .expectStatus()
            .isForbidden()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(refused.get("code")).isEqualTo("admission-required");

    carol.joined(eventId);
    Map<?, ?> free =
        carol
            .joinWaitingList(eventId, Visitor.standing(1), admissionToken(carol, eventId), null)
            .expectStatus()
            .isEqualTo(409)
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(free.get("code")).isEqualTo("places-available");
    assertThat(guichet.payloads(eventId))
        .noneMatch(e -> e.getClass().getSimpleName().startsWith("WaitingList"));
  }

  @Test
  @Order(2)
  void holding_takes_a_valid_admission_token_for_this_event_and_this_visitor() throws Exception {
    Api api = new Api(guichet.http());
    Onsale onsale = new Onsale(guichet.http());
    String eventId = api.eventOnSale("PT10M", 4, 4);
    String otherEvent = api.eventOnSale("PT10M", 4, 4);
    onsale.configure(eventId, Onsale.room(6000, null));
    onsale.configure(otherEvent, Onsale.room(6000, null));
    Visitor alice = new Visitor(guichet.http(), "alice");
    Visitor bob = new Visitor(guichet.http(), "bob");

    assertThat(problemCode(alice, eventId, null)).isEqualTo("admission-required");

    alice.joined(eventId);
    alice.joined(otherEvent);
    String token = admissionToken(alice, eventId);
    assertThat(problemCode(bob, eventId, token)).isEqualTo("admission-other-visitor");
    assertThat(problemCode(alice, eventId, admissionToken(alice, otherEvent)))
        .isEqualTo("admission-other-event");
    String forged =
        token.substring(0, token.indexOf('.') + 1)
            + "AAAA"
            + token.substring(token.indexOf('.') + 5);
    assertThat(problemCode(alice, eventId, forged)).isEqualTo("admission-invalid");
    assertThat(problemCode(alice, eventId, "garbage")).isEqualTo("admission-invalid");

    String stale = admissionToken(alice, eventId);
    Thread.sleep(2_100);
    assertThat(problemCode(alice, eventId, stale)).isEqualTo("admission-expired");

    alice
        .hold(eventId, Visitor.standing(2), admissionToken(alice, eventId), null)
        .expectStatus()
        .isCreated();
    assertThat(guichet.payloads(eventId))
        .filteredOn(e -> e.getClass().getSimpleName().equals("PlacesHeldEvent"))
        .hasSize(1);
  }

  @Test
  @Order(3)
  void early_visitors_are_shuffled_at_opening_and_later_visitors_queue_behind_them() {
    Onsale onsale = new Onsale(guichet.http());
    preQueuedEvent = new Api(guichet.http()).eventOnSale("PT10M", 4, 4);
    Instant opensAt = Instant.now().plusSeconds(4);
    // One admission a minute: nobody gets in while the test looks at the order.
    onsale.configure(preQueuedEvent, Onsale.room(1, opensAt.toString()));
    List<Visitor> early = visitors("early-", 20);
    for (Visitor v : early) {
      assertThat(v.joined(preQueuedEvent)).containsEntry("state", "PRE_QUEUED");
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Boolean.TRUE.equals(onsale.room(preQueuedEvent).get("open")));
    List<Visitor> late = visitors("late-", 10);
    for (Visitor v : late) {
      assertThat(v.joined(preQueuedEvent)).containsEntry("state", "QUEUED");
    }

    List<Long> earlyPositions = positions(early);
    List<Long> latePositions = positions(late);
    assertThat(earlyPositions)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.rangeClosed(1, 20).mapToObj(i -> (long) i).toList())
        .as("joining first gives no advantage before the opening")
        .isNotEqualTo(IntStream.rangeClosed(1, 20).mapToObj(i -> (long) i).toList());
    assertThat(latePositions)
        .containsExactlyElementsOf(IntStream.rangeClosed(21, 30).mapToObj(i -> (long) i).toList());
    Map<String, Object> place = late.get(0).place(preQueuedEvent);
    assertThat(((Number) place.get("estimatedWaitSeconds")).longValue()).isEqualTo(21 * 60);
    for (Visitor v : early) {
      assertThat(v.joined(preQueuedEvent).get("position"))
          .as("one place per account: joining again keeps it")
          .isEqualTo(v.place(preQueuedEvent).get("position"));
    }
    early.forEach(v -> positionsBeforeRestart.put(v.id(), position(v)));
    late.forEach(v -> positionsBeforeRestart.put(v.id(), position(v)));
  }

  @Test
  @Order(4)
  void a_visitor_follows_their_place_live_until_admitted() {
    String eventId = new Api(guichet.http()).eventOnSale("PT10M", 4, 4);
    new Onsale(guichet.http()).configure(eventId, Onsale.room(120, null));
    List<Visitor> queue = visitors("streamer-", 4);
    queue.forEach(v -> v.joined(eventId));
    List<ServerSentEvent<Map<String, Object>>> updates =
        updates(eventId, queue.get(3)).collectList().block(Duration.ofSeconds(30));
    assertThat(updates).hasSizeGreaterThan(1);
    assertThat(updates.get(0).event()).isIn("QUEUED", "ADMITTED");
    ServerSentEvent<Map<String, Object>> last = updates.get(updates.size() - 1);
    assertThat(last.event()).isEqualTo("ADMITTED");
    assertThat(last.data()).containsKey("admissionToken");
    List<Long> positions =
        updates.stream()
            .filter(u -> "QUEUED".equals(u.event()))
            .map(u -> ((Number) u.data().get("position")).longValue())
            .toList();
    assertThat(positions).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  @Order(4)
  void a_visitor_far_back_is_sent_their_place_at_the_rooms_pace_not_every_second() {
    String eventId = new Api(guichet.http()).eventOnSale("PT10M", 4, 4);
    new Onsale(guichet.http()).configure(eventId, Onsale.room(1, null));
    List<Visitor> queue = visitors("far-back-", 20);
    queue.forEach(v -> v.joined(eventId));

    List<ServerSentEvent<Map<String, Object>>> updates =
        updates(eventId, queue.get(19))
            .take(Duration.ofSeconds(6))
            .collectList()
            .block(Duration.ofSeconds(30));

    // About 19 minutes to wait at one a minute: the room advises asking again in 40 s (a third
    // of the 120 s grace), and the stream keeps to it (it sent a view every second before); its
    // admission would still come within a second (WaitingRoomBrowserTest, UpdatePaceTest).
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).event()).isEqualTo("QUEUED");
    assertThat(((Number) updates.get(0).data().get("pollAfterSeconds")).longValue()).isEqualTo(40);
  }

  @Test
  @Order(5)
  void the_queue_and_the_signing_key_survive_a_restart() {
    assertThat(positionsBeforeRestart).hasSize(30);
    assertThat(Files.exists(dataDir.resolve("secrets/master.key"))).isTrue();
    String admitted = new Api(guichet.http()).eventOnSale("PT10M", 4, 4);
    new Onsale(guichet.http()).configure(admitted, Onsale.room(6000, null));
    Visitor carol = new Visitor(guichet.http(), "carol");
    carol.joined(admitted);
    admissionToken(carol, admitted);

    guichet.close();
    guichet = start(dataDir);

    Onsale onsale = new Onsale(guichet.http());
    assertThat(onsale.room(preQueuedEvent))
        .containsEntry("waiting", 30)
        .containsEntry("open", true);
    for (Map.Entry<String, Long> before : positionsBeforeRestart.entrySet()) {
      assertThat(position(new Visitor(guichet.http(), before.getKey())))
          .as(before.getKey())
          .isEqualTo(before.getValue());
    }
    Visitor newcomer = new Visitor(guichet.http(), "newcomer");
    assertThat(((Number) newcomer.joined(preQueuedEvent).get("position")).longValue())
        .isEqualTo(31);

    carol = new Visitor(guichet.http(), "carol");
    assertThat(carol.place(admitted)).containsEntry("state", "ADMITTED");
    carol
        .hold(admitted, Visitor.standing(1), admissionToken(carol, admitted), null)
        .expectStatus()
        .isCreated();
  }

  /** The visitor's live stream of their place. */
  private static Flux<ServerSentEvent<Map<String, Object>>> updates(
      String eventId, Visitor visitor) {
    return guichet
        .http()
        .get()
        .uri("/api/events/" + eventId + "/waiting-room/visitors/me/updates")
        .header("X-Actor-Id", visitor.id())
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isOk()
        .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
        .getResponseBody();
  }

  private List<Visitor> visitors(String prefix, int count) {
    List<Visitor> visitors = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      visitors.add(new Visitor(guichet.http(), prefix + i));
    }
    return visitors;
  }

  private static List<Long> positions(List<Visitor> visitors) {
    return visitors.stream().map(WaitingRoomIT::position).toList();
  }

  private static long position(Visitor v) {
    return ((Number) v.place(preQueuedEvent).get("position")).longValue();
  }
}
