package fr.guichet.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RejectionsAreAnswersTest {

  private final Logger gatewayLog = (Logger) LoggerFactory.getLogger(DefaultCommandGateway.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final ConflictRetry.RejectionsAreAnswers callback =
      new ConflictRetry.RejectionsAreAnswers();
  private final CommandMessage<Object> command =
      GenericCommandMessage.asCommandMessage((Object) "hold");
  private Level levelBefore;

  @BeforeEach
  void listen() {
    levelBefore = gatewayLog.getLevel();
    gatewayLog.setLevel(Level.WARN);
    logged.start();
    gatewayLog.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    gatewayLog.detachAppender(logged);
    gatewayLog.setLevel(levelBefore);
  }

  @Test
  void a_business_refusal_is_an_answer_and_is_not_logged() {
    CommandRejectedException taken =
        new CommandRejectedException(
            Rejection.conflict("places-not-free", "Taken.", List.of("ORCH-B-12")));

    callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(taken));
    callback.onResult(
        command,
        GenericCommandResultMessage.asCommandResultMessage(
            new CommandExecutionException("remote", taken)));

    assertThat(logged.list).isEmpty();
  }

  @Test
  void any_other_failure_is_still_logged_as_axon_logs_it() {
    callback.onResult(
        command,
        GenericCommandResultMessage.asCommandResultMessage(new IllegalStateException("disk full")));

    assertThat(logged.list).hasSize(1);
    assertThat(logged.list.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(logged.list.get(0).getFormattedMessage())
        .contains("java.lang.IllegalStateException")
        .contains("disk full");
  }

  @Test
  void a_success_is_not_logged() {
    callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage("ok"));

    assertThat(logged.list).isEmpty();
  }
}
