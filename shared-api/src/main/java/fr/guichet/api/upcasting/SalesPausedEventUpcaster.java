package fr.guichet.api.upcasting;

import fr.guichet.api.event.EventDomainEvent.SalesPausedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link SalesPausedEvent} revision 1 → 2: revision 1 ({@code {"eventId": …}}) was written before a
 * manager could say why sales paused; revision 2 has a {@code reason}. A revision 1 pause reads as
 * one whose manager gave no reason ({@link SalesPausedEvent#REASON_NOT_GIVEN}), exactly what a
 * revision 2 pause without a reason records. The stored event is never rewritten: this runs each
 * time it is read, by the aggregate and by every projection.
 */
public final class SalesPausedEventUpcaster extends SingleEventUpcaster {

  static final SimpleSerializedType REVISION_1 =
      new SimpleSerializedType(SalesPausedEvent.class.getName(), "1");
  static final SimpleSerializedType REVISION_2 =
      new SimpleSerializedType(SalesPausedEvent.class.getName(), "2");

  @Override
  protected boolean canUpcast(IntermediateEventRepresentation representation) {
    return REVISION_1.equals(representation.getType());
  }

  @Override
  protected IntermediateEventRepresentation doUpcast(
      IntermediateEventRepresentation representation) {
    return representation.upcastPayload(
        REVISION_2,
        ObjectNode.class,
        payload -> {
          JsonNode reason = payload.get("reason");
          if (reason == null || reason.isNull()) {
            payload.put("reason", SalesPausedEvent.REASON_NOT_GIVEN);
          }
          return payload;
        });
  }
}
