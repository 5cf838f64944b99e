package fr.guichet.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.guichet.command.web.Actor.Role;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
  void beyond_its_capacity_a_node_turns_commands_away_at_once_and_takes_them_again_when_free() {
    CompletableFuture<Object> first = new CompletableFuture<>();
    CompletableFuture<Object> second = new CompletableFuture<>();
    when(gateway.send(any())).thenReturn(first, second, CompletableFuture.completedFuture("third"));
    Actor buyer = new Actor("alice", Role.SPECTATOR);

    CompletableFuture<Object> one = sender.send("hold-1", buyer, request).toFuture();
    CompletableFuture<Object> two = sender.send("hold-2", buyer, request).toFuture();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admission.inFlight() == 2);

    Mono<Object> refused = sender.send("hold-3", buyer, request);
    assertThatThrownBy(() -> refused.block(Duration.ofSeconds(1)))
        .isInstanceOf(CommandAdmission.OverloadedException.class);

    first.complete("one");
    assertThat(one.join()).isEqualTo("one");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admission.inFlight() == 1);
    assertThat(sender.send("hold-3", buyer, request).block(Duration.ofSeconds(5)))
        .isEqualTo("third");

    second.completeExceptionally(new IllegalStateException("boom"));
    assertThatThrownBy(two::join).hasCauseInstanceOf(IllegalStateException.class);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admission.inFlight() == 0);
  }
}
