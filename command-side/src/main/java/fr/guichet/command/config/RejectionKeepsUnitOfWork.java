package fr.guichet.command.config;

import fr.guichet.api.rejection.CommandRejectedException;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfiguration;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Rolls a command's unit of work back on every exception, except a {@link CommandRejectedException}
 * thrown before the command published any event.
 *
 * <p>Why: Axon's caching repository evicts the aggregate from the cache whenever a unit of work
 * rolls back. Our aggregates validate first and apply afterwards, so a rejected hold ("places not
 * free") has changed nothing, yet the rollback would force the next command to replay the whole
 * Event. Under contention (many buyers, many 409s) that turns every conflict into a full replay.
 * Committing such an empty unit of work writes nothing, and the caller still receives the rejection
 * (problem+json unchanged).
 *
 * <p>{@link #markUnitsThatPublish()}, a dispatch interceptor on the event bus, tags the unit of
 * work (and its parents) whose events are dispatched. Note (found while writing ADR 0706): Axon
 * 4.13's event bus runs dispatch interceptors when the root unit of work prepares its commit, not
 * when an event is applied, so the tag is not there yet when a handler throws. A rejection thrown
 * after an event was applied (e.g. a hold that first expires due holds, then finds its seats taken)
 * therefore commits what was applied (the expiries), which keeps the cached Event and the store in
 * step; only exceptions other than rejections roll back.
 */
public final class RejectionKeepsUnitOfWork implements RollbackConfiguration {

  private static final String PUBLISHED = RejectionKeepsUnitOfWork.class.getName() + ".published";

  @Override
  public boolean rollBackOn(Throwable throwable) {
    if (!(throwable instanceof CommandRejectedException)) {
      return RollbackConfigurationType.ANY_THROWABLE.rollBackOn(throwable);
    }
    if (!CurrentUnitOfWork.isStarted()) {
      return true;
    }
    return CurrentUnitOfWork.get().resources().containsKey(PUBLISHED);
  }

  /** Tags every unit of work in which an event is published, so that it is rolled back. */
  public static MessageDispatchInterceptor<EventMessage<?>> markUnitsThatPublish() {
    return new MessageDispatchInterceptor<>() {
      @Override
      public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
          List<? extends EventMessage<?>> messages) {
        CurrentUnitOfWork.ifStarted(RejectionKeepsUnitOfWork::tag);
        return (index, message) -> message;
      }
    };
  }

  private static void tag(UnitOfWork<?> unitOfWork) {
    for (UnitOfWork<?> u = unitOfWork; u != null; u = u.parent().orElse(null)) {
      u.resources().put(PUBLISHED, Boolean.TRUE);
    }
  }
}
