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
 * (problem+json unchanged). A rejection thrown after an event was applied (e.g. a hold that first
 * expires due holds, then finds its seats taken) still rolls back, so nothing is ever half-applied.
 *
 * <p>Whether events were published is tracked by {@link #markUnitsThatPublish()}, a dispatch
 * interceptor on the event bus that tags the current unit of work and its parents.
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
