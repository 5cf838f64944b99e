package fr.guichet.command.waitingroom;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.config.ServerSecrets;
import fr.guichet.command.waitingroom.AdmissionTokens.Verdict;
import fr.guichet.command.waitingroom.VisitorView.State;
import fr.guichet.command.waitingroom.WaitingQueue.Standing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every event's waiting room on this node: joins, positions and admissions served from memory,
 * changes written to the database first, admissions paced by a ticker (every 200 ms) at the
 * configured rate adapted to the command side's measured capacity ({@link AdaptiveAdmission}).
 */
@Component
public class WaitingRooms implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WaitingRooms.class);

  private final WaitingRoomStore store;
  private final WaitingRoomJournal journal;
  private final Clock clock;
  private final AdmissionTokens tokens;
  private final SecretKeySpec visitorKeySecret;
  private final Duration tokenTtl;
  private final Duration admissionWindow;
  private final int expectedVisitors;
  private final AdaptiveAdmission adaptive;
  private final Supplier<AdaptiveAdmission.Measurement> capacity;
  private final Map<String, WaitingRoom> rooms = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private ScheduledExecutorService ticker;

  WaitingRooms(
      WaitingRoomStore store,
      WaitingRoomJournal journal,
      ServerSecrets secrets,
      ObjectProvider<Clock> clock,
      AdaptiveAdmission adaptive,
      CommandSideCapacity capacity,
      @Value("${guichet.waiting-room.token-ttl:PT5M}") Duration tokenTtl,
      @Value("${guichet.waiting-room.admission-window:PT15M}") Duration admissionWindow,
      @Value("${guichet.waiting-room.expected-visitors:1024}") int expectedVisitors) {
    this.store = store;
    this.journal = journal;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.adaptive = adaptive;
    this.capacity = capacity;
    this.tokens = new AdmissionTokens(secrets.derive("waiting-room/admission-token"));
    this.visitorKeySecret =
        new SecretKeySpec(secrets.derive("waiting-room/visitor-key"), "HmacSHA256");
    this.tokenTtl = tokenTtl;
    this.admissionWindow = admissionWindow;
    this.expectedVisitors = expectedVisitors;
    restore();
  }

  private void restore() {
    for (WaitingRoomStore.RoomRow row : store.rooms()) {
      WaitingRoom room = new WaitingRoom(row.eventId(), row.settings(), expectedVisitors);
      room.beginRestore(row.seed(), clock.instant().getEpochSecond());
      store.visitors(row.eventId(), room::restoreRow);
      room.endRestore();
      rooms.put(row.eventId(), room);
      WaitingRoom.Stats stats = room.stats();
      log.info(
          "Waiting room of event {} restored: {} waiting, {} admitted",
          row.eventId(),
          stats.waiting(),
          stats.admitted());
    }
  }

  public RoomSettings settings(String eventId) {
    WaitingRoom room = rooms.get(eventId);
    return room == null ? RoomSettings.OFF : room.settings();
  }

  public RoomView configure(String eventId, RoomSettings settings) {
    WaitingRoom room =
        rooms.computeIfAbsent(eventId, id -> new WaitingRoom(id, settings, expectedVisitors));
    room.configure(settings, store);
    return view(eventId);
  }

  public RoomView view(String eventId) {
    WaitingRoom room = rooms.get(eventId);
    String reason = adaptive.reason().name().toLowerCase().replace('_', '-');
    if (room == null) {
      return new RoomView(
          eventId,
          RoomSettings.OFF,
          false,
          0,
          0,
          0,
          0,
          adaptive.effectivePerMinute(RoomSettings.OFF),
          reason);
    }
    WaitingRoom.Stats stats = room.stats();
    RoomSettings settings = room.settings();
    return new RoomView(
        eventId,
        settings,
        stats.open(),
        stats.waiting(),
        stats.preQueued(),
        stats.admitted(),
        stats.dropped(),
        adaptive.effectivePerMinute(settings),
        reason);
  }

  /** Every room of this node added up, for the metrics. */
  Totals totals() {
    int waiting = 0;
    int preQueued = 0;
    long admitted = 0;
    double admitPerMinute = 0;
    for (WaitingRoom room : rooms.values()) {
      WaitingRoom.Stats stats = room.stats();
      waiting += stats.waiting();
      preQueued += stats.preQueued();
      admitted += stats.admitted();
      RoomSettings settings = room.settings();
      if (settings.enabled() && stats.open()) {
        admitPerMinute += adaptive.effectivePerSecond(settings) * 60;
      }
    }
    return new Totals(waiting, preQueued, admitted, admitPerMinute);
  }

  record Totals(int waiting, int preQueued, long admitted, double admitPerMinute) {}

  /** The share of the configured admission rates the rooms admit at now (floor to 1). */
  double admissionFactor() {
    return adaptive.factor();
  }

  /**
   * The manager's view of a room. {@code effectiveAdmitPerMinute} is the rate it admits at now:
   * {@code settings.admitPerMinute} adapted to the command side's measured capacity, never above
   * it; {@code admissionAdjustedFor} says why ({@code steady} when nothing strains the command
   * side, else {@code overload-refusals}, {@code commands-in-flight}, {@code hold-latency}, {@code
   * processor-lag}; {@code disabled} when adaptation is off).
   */
  public record RoomView(
      String eventId,
      RoomSettings settings,
      boolean open,
      int waiting,
      int preQueued,
      long admitted,
      long dropped,
      int effectiveAdmitPerMinute,
      String admissionAdjustedFor) {}

  public VisitorView join(String eventId, String visitorId) {
    WaitingRoom room = rooms.get(eventId);
    if (room == null || !room.settings().enabled()) {
      throw new CommandRejectedException(
          Rejection.rule(
              "waiting-room-off",
              "This event has no waiting room open: you may hold places directly."));
    }
    Instant now = clock.instant();
    WaitingRoom.Joining joining =
        room.join(
            visitorKey(visitorId),
            now,
            admissionWindow.toSeconds(),
            random.nextLong(),
            store,
            journal);
    try {
      joining.written().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while recording a join", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not record the join of a visitor", e);
    }
    return view(room, eventId, visitorId, joining.standing(), now);
  }

  public VisitorView status(String eventId, String visitorId) {
    WaitingRoom room = rooms.get(eventId);
    Instant now = clock.instant();
    if (room == null) {
      return new VisitorView(eventId, State.NOT_QUEUED, 0, 0, null, null, null, null, null, null);
    }
    return view(
        room, eventId, visitorId, room.standing(visitorKey(visitorId), now.getEpochSecond()), now);
  }

  /** Whether holding needs an admission token now, and if so whether {@code token} is one. */
  public Verdict checkAdmission(String eventId, String visitorId, String token) {
    if (!settings(eventId).enabled()) {
      return Verdict.VALID;
    }
    return tokens.verify(token, eventId, visitorId, clock.instant());
  }

  private VisitorView view(
      WaitingRoom room, String eventId, String visitorId, Standing standing, Instant now) {
    RoomSettings settings = room.settings();
    int waiting = room.stats().waiting();
    return switch (standing.status()) {
      case NOT_QUEUED ->
          new VisitorView(
              eventId, State.NOT_QUEUED, 0, waiting, null, null, null, null, null, null);
      case PRE_QUEUED ->
          new VisitorView(
              eventId,
              State.PRE_QUEUED,
              0,
              waiting,
              null,
              settings.opensAt(),
              null,
              null,
              null,
              PollAdvice.preQueued(
                  settings.opensAt() == null
                      ? 0
                      : settings.opensAt().getEpochSecond() - now.getEpochSecond(),
                  settings.graceSeconds()));
      case QUEUED -> {
        long wait = (long) Math.ceil(standing.position() / adaptive.effectivePerSecond(settings));
        yield new VisitorView(
            eventId,
            State.QUEUED,
            standing.position(),
            waiting,
            wait,
            settings.opensAt(),
            null,
            null,
            null,
            PollAdvice.queued(wait, settings.graceSeconds()));
      }
      case ADMITTED -> {
        Instant ends = Instant.ofEpochSecond(standing.since()).plus(admissionWindow);
        if (!now.isBefore(ends)) {
          yield new VisitorView(
              eventId, State.ADMISSION_ENDED, 0, waiting, null, null, null, null, ends, null);
        }
        Instant expires = now.plus(tokenTtl);
        if (expires.isAfter(ends)) {
          expires = ends;
        }
        yield new VisitorView(
            eventId,
            State.ADMITTED,
            0,
            waiting,
            0L,
            settings.opensAt(),
            tokens.issue(eventId, visitorId, expires),
            expires,
            ends,
            null);
      }
    };
  }

  /** A 64-bit keyed hash of the account id: the only thing the queue keeps of a visitor. */
  long visitorKey(String visitorId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(visitorKeySecret);
      long key = ByteBuffer.wrap(mac.doFinal(visitorId.getBytes(StandardCharsets.UTF_8))).getLong();
      return key == 0 ? 1 : key;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  void tick() {
    Instant now = clock.instant();
    long nanos = System.nanoTime();
    double factor =
        rooms.values().stream().anyMatch(room -> room.settings().enabled())
            ? adaptive.update(now, capacity)
            : adaptive.factor();
    for (WaitingRoom room : rooms.values()) {
      try {
        room.tick(now, nanos, random.nextLong(), store, journal, factor);
      } catch (RuntimeException e) {
        log.warn("Admissions of event {} failed this tick; retrying", room.eventId(), e);
      }
    }
  }

  @Override
  public synchronized void start() {
    if (ticker == null) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "waiting-room-admissions");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void stop() {
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ticker = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return ticker != null;
  }
}
