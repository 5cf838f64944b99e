package fr.guichet.bench;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Sends {@link HoldPlacesCommand} straight to Axon's command gateway, with the same audit metadata
 * keys the HTTP layer adds, so the in-process figure is the command path without HTTP and JSON.
 */
final class GatewayDriver implements HoldDriver {

  private final CommandGateway gateway;

  GatewayDriver(CommandGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public String name() {
    return "gateway";
  }

  @Override
  public Outcome hold(String eventId, String customerId, String requestKey, List<String> placeIds) {
    HoldPlacesCommand command =
        new HoldPlacesCommand(eventId, requestKey, customerId, PlaceSelection.specific(placeIds));
    try {
      HoldOutcome outcome = gateway.sendAndWait(withMetaData(command, customerId, requestKey));
      return new Outcome(Result.ACCEPTED, outcome.orderId(), null);
    } catch (RuntimeException e) {
      Rejection rejection = rejectionIn(e);
      if (rejection != null && rejection.kind() == Rejection.Kind.CONFLICT) {
        return new Outcome(Result.CONFLICT, null, null);
      }
      return new Outcome(Result.ERROR, null, describe(e));
    }
  }

  @Override
  public boolean release(String eventId, String customerId, String orderId) {
    try {
      gateway.sendAndWait(
          withMetaData(new ReleaseHoldCommand(eventId, orderId, customerId), customerId, null));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static GenericCommandMessage<?> withMetaData(
      Object command, String customerId, String requestKey) {
    MetaData metaData =
        MetaData.with("actorId", customerId)
            .and("actorRole", "SPECTATOR")
            .and("requestId", requestKey == null ? "release" : requestKey);
    return (GenericCommandMessage<?>)
        GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
  }

  private static Rejection rejectionIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CommandRejectedException rejected) {
        return rejected.rejection();
      }
    }
    return null;
  }

  private static String describe(Throwable e) {
    Rejection rejection = rejectionIn(e);
    return rejection != null
        ? rejection.kind() + " " + rejection.code() + ": " + rejection.message()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
