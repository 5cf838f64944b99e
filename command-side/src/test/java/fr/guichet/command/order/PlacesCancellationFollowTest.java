package fr.guichet.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/**
 * The order follows the Event's cancellation of some of its places, under the manager's name, even
 * when the manager's request stopped after the Event; an order that refuses is logged, never
 * retried forever.
 */
class PlacesCancellationFollowTest {

  private static final SoldPlacesCancelledEvent CANCELLED =
      new SoldPlacesCancelledEvent(
          "ev-1",
          "order-1",
          "bea",
          "c1",
          List.of("ORCH-A-2"),
          List.of("ORCH-A-1"),
          "seat broken",
          "manager-1");

  @Test
  void the_order_is_told_with_the_same_cancellation_id_and_the_managers_name() {
    List<CommandMessage<?>> sent = new ArrayList<>();
    CommandGateway commands = mock(CommandGateway.class);
    when(commands.sendAndWait(any()))
        .thenAnswer(
            call -> {
              sent.add(call.getArgument(0));
              return null;
            });

    new OrderLifecycleProcess(commands).on(CANCELLED);

    assertThat(sent).singleElement();
    assertThat(sent.get(0).getPayload())
        .isEqualTo(
            new CancelOrderPlacesCommand(
                "order-1", "c1", List.of("ORCH-A-2"), "seat broken", "manager-1"));
    assertThat(sent.get(0).getMetaData()).containsEntry("actorId", "manager-1");
  }

  @Test
  void an_order_that_refuses_is_logged_and_the_processor_moves_on() {
    CommandGateway commands = mock(CommandGateway.class);
    when(commands.sendAndWait(any()))
        .thenThrow(
            new CommandRejectedException(
                Rejection.rule("order-not-priced-yet", "This order is still being priced.")));

    assertThatCode(() -> new OrderLifecycleProcess(commands).on(CANCELLED))
        .doesNotThrowAnyException();
  }
}
