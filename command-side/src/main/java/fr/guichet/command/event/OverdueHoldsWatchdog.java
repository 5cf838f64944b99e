package fr.guichet.command.event;

import fr.guichet.api.event.EventCommand.ExpireOverdueHoldsCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Each command node's safety net behind the one expiry sweep per Event (ADR 0707): every few
 * seconds it asks each Event this node took holds for recently to expire the holds overdue by more
 * than a grace period ({@link ExpireOverdueHoldsCommand}). The sweep's deadline row is the primary
 * mechanism; this bounds how late a hold can end even if that row's sweep was lost, failed for
 * good, or ran on a node that died, as long as one node that served the Event is alive. It costs
 * one command per recent Event per round, which usually finds nothing to do.
 */
@Component
class OverdueHoldsWatchdog implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OverdueHoldsWatchdog.class);

  private final CommandBus commandBus;
  private final CommandGateway commands;
  private final Clock clock;
  private final Duration interval;
  private final Duration remembered;
  private final Map<String, Instant> lastHoldByEvent = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private volatile Registration interceptor;
  private volatile ScheduledExecutorService ticker;

  @Autowired
  OverdueHoldsWatchdog(
      @Qualifier("localSegment") CommandBus commandBus,
      CommandGateway commands,
      @Value("${guichet.holds.watchdog-interval:PT5S}") Duration interval,
      @Value("${guichet.holds.watchdog-remembers:PT3H}") Duration remembered) {
    this(commandBus, commands, Clock.systemUTC(), interval, remembered);
  }

  OverdueHoldsWatchdog(
      CommandBus commandBus,
      CommandGateway commands,
      Clock clock,
      Duration interval,
      Duration remembered) {
    this.commandBus = commandBus;
    this.commands = commands;
    this.clock = clock;
    this.interval = interval;
    this.remembered = remembered;
  }

  /** Notes the Event of every hold this node handles; nothing else is looked at. */
  MessageHandlerInterceptor<CommandMessage<?>> noteHolds() {
    return (unitOfWork, chain) -> {
      if (unitOfWork.getMessage().getPayload() instanceof HoldPlacesCommand hold) {
        lastHoldByEvent.put(hold.eventId(), clock.instant());
      }
      return chain.proceed();
    };
  }

  /**
   * One round: forgets Events without a hold for longer than the longest hold can last (with a wide
   * margin), and sends the others an {@link ExpireOverdueHoldsCommand}, one at a time per Event.
   */
  void round() {
    Instant forgetBefore = clock.instant().minus(remembered);
    lastHoldByEvent.entrySet().removeIf(e -> e.getValue().isBefore(forgetBefore));
    for (String eventId : lastHoldByEvent.keySet()) {
      if (!inFlight.add(eventId)) {
        continue;
      }
      commands
          .send(new ExpireOverdueHoldsCommand(eventId))
          .whenComplete(
              (result, failure) -> {
                inFlight.remove(eventId);
                if (failure != null) {
                  log.warn(
                      "Could not check Event {} for overdue holds; the next round retries: {}",
                      eventId,
                      failure.toString());
                }
              });
    }
  }

  Set<String> watchedEvents() {
    return Set.copyOf(lastHoldByEvent.keySet());
  }

  @Override
  public void start() {
    interceptor = commandBus.registerHandlerInterceptor(noteHolds());
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "overdue-holds-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            round();
          } catch (RuntimeException e) {
            log.warn("Overdue-holds round failed; the next one retries", e);
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
    ticker = executor;
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = ticker;
    if (executor != null) {
      executor.shutdownNow();
      ticker = null;
    }
    Registration registration = interceptor;
    if (registration != null) {
      registration.cancel();
      interceptor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return ticker != null;
  }
}
