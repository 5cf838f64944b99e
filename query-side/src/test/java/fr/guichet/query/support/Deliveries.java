package fr.guichet.query.support;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

/**
 * Hands events to a projection as a tracking processor does: through its annotated handlers, in
 * batches of one unit of work each (the batch's writes happen as it commits), or one by one outside
 * any unit of work.
 */
public final class Deliveries {

  private Deliveries() {}

  /** Each event on its own, outside a unit of work: every event is written at once. */
  public static void oneByOne(Object projection, List<? extends EventMessage<?>> events) {
    AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
    for (EventMessage<?> event : events) {
      try {
        handler.handle(event);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The events in batches of {@code size}, each batch in one unit of work. */
  public static void inBatches(
      Object projection, List<? extends EventMessage<?>> events, int size) {
    AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
    for (int from = 0; from < events.size(); from += size) {
      List<EventMessage<?>> batch =
          new ArrayList<>(events.subList(from, Math.min(events.size(), from + size)));
      BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
      ResultMessage<Object> result =
          unitOfWork.executeWithResult(
              () -> handler.handle(unitOfWork.getMessage()),
              RollbackConfigurationType.ANY_THROWABLE);
      if (result.isExceptional()) {
        throw new IllegalStateException(result.exceptionResult());
      }
    }
  }

  /** All the events in one batch. */
  public static void inOneBatch(Object projection, List<? extends EventMessage<?>> events) {
    inBatches(projection, events, Math.max(1, events.size()));
  }
}
