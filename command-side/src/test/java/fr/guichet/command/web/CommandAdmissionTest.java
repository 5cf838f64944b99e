package fr.guichet.command.web;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.guichet.command.web.Actor.Role;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Mono;

class CommandAdmissionTest {

  private final CommandGateway gateway = mock(CommandGateway.class);
  private final CommandAdmission admission = new CommandAdmission(2);
  private final CommandSender sender = new CommandSender(gateway, admission);
  private final MockServerHttpRequest request = MockServerHttpRequest.post("/api/x").build();

  @Test
  void beyond_its_capacity_a_node_turns_commands_away_at_once_and_takes_them_again_when_free()
      throws Exception {
    CompletableFuture<Object> first = new CompletableFuture<>();
    CompletableFuture<Object> second = new CompletableFuture<>();
    Map<Object, CompletableFuture<Object>> answers =
        Map.of("hold-1", first, "hold-2", second, "hold-3", completedFuture("third"));
    when(gateway.send(any()))
        .thenAnswer(call -> answers.get(call.<CommandMessage<?>>getArgument(0).getPayload()));
    Actor buyer = new Actor("alice", Role.SPECTATOR);

    CompletableFuture<Object> one = sender.send("hold-1", buyer, request).toFuture();
    CompletableFuture<Object> two = sender.send("hold-2", buyer, request).toFuture();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admission.inFlight() == 2);

    Mono<Object> refused = sender.send("hold-3", buyer, request);
    assertThatThrownBy(() -> refused.block(Duration.ofSeconds(1)))
        .isInstanceOf(CommandAdmission.OverloadedException.class);
    // What the waiting rooms' adaptive admission watches.
    assertThat(admission.refused()).isEqualTo(1);
    assertThat(admission.capacity()).isEqualTo(2);

    first.complete("one");
    assertThat(one.get(5, TimeUnit.SECONDS)).isEqualTo("one");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admission.inFlight() == 1);
    assertThat(sender.send("hold-3", buyer, request).block(Duration.ofSeconds(5)))
        .isEqualTo("third");

    second.completeExceptionally(new IllegalStateException("boom"));
    assertThatThrownBy(() -> two.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admission.inFlight() == 0);
  }

  @Test
  void the_slot_is_free_again_before_the_client_gets_its_answer() {
    CommandAdmission oneSlot = new CommandAdmission(1);
    CommandSender sequential = new CommandSender(gateway, oneSlot);
    Actor manager = new Actor("gestionnaire", Role.MANAGER);

    when(gateway.send(any())).thenReturn(completedFuture("done"));
    Integer slotsTakenWhenAnswered =
        sequential
            .<Object>send("set-limits", manager, request)
            .map(answer -> oneSlot.inFlight())
            .block(Duration.ofSeconds(5));
    assertThat(slotsTakenWhenAnswered).isZero();

    when(gateway.send(any()))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("refused")));
    Integer slotsTakenWhenRefused =
        sequential
            .<Object>send("open-sales", manager, request)
            .map(answer -> -1)
            .onErrorResume(refusal -> Mono.fromSupplier(oneSlot::inFlight))
            .block(Duration.ofSeconds(5));
    assertThat(slotsTakenWhenRefused).isZero();
  }

  @Test
  void the_duration_of_answered_holds_feeds_their_99th_percentile_and_other_commands_do_not() {
    long now = System.nanoTime();
    admission.answered(
        new fr.guichet.api.event.EventCommand.HoldPlacesCommand("ev-1", "o-1", "ann", null),
        now - 3_000_000_000L);
    assertThat(admission.holdP99()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));

    CommandAdmission other = new CommandAdmission(2);
    other.answered("release-1", now - 3_000_000_000L);
    assertThat(other.holdP99()).isEqualTo(Duration.ZERO);
  }
}
