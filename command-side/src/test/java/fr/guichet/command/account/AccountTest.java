package fr.guichet.command.account;

import fr.guichet.api.account.AccountDomainEvent.AccountEmailVerifiedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountPasswordChangedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountRegisteredEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountSignInLockedEvent;
import fr.guichet.api.privacy.DataSubject;
import fr.guichet.api.privacy.PersonalData;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.account.AccountCommands.LockSignInCommand;
import fr.guichet.command.account.AccountCommands.RecordPasswordChangeCommand;
import fr.guichet.command.account.AccountCommands.RegisterAccountCommand;
import fr.guichet.command.account.AccountCommands.VerifyAccountEmailCommand;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import org.assertj.core.api.Assertions;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountTest {

  private AggregateTestFixture<Account> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Account.class);
  }

  @Test
  void a_spectator_signs_up_unverified_and_the_event_carries_no_secret() {
    fixture
        .givenNoPriorActivity()
        .when(new RegisterAccountCommand("acc-1", "ana@example.org", "SPECTATOR", false))
        .expectEvents(new AccountRegisteredEvent("acc-1", "ana@example.org", "SPECTATOR", false));
    Assertions.assertThat(Arrays.stream(AccountRegisteredEvent.class.getRecordComponents()))
        .extracting(RecordComponent::getName)
        .noneMatch(name -> name.toLowerCase().contains("password"))
        .noneMatch(name -> name.toLowerCase().contains("hash"));
  }

  @Test
  void the_email_is_marked_as_personal_data_of_the_account_holder() throws Exception {
    Assertions.assertThat(
            AccountRegisteredEvent.class
                .getRecordComponents()[1]
                .getAccessor()
                .getDeclaringClass()
                .getDeclaredField("email")
                .isAnnotationPresent(PersonalData.class))
        .isTrue();
    Assertions.assertThat(
            AccountRegisteredEvent.class
                .getDeclaredField("accountId")
                .isAnnotationPresent(DataSubject.class))
        .isTrue();
  }

  @Test
  void a_spectator_cannot_register_as_staff_nor_staff_as_spectator() {
    fixture
        .givenNoPriorActivity()
        .when(new RegisterAccountCommand("acc-2", "eve@example.org", "SPECTATOR", true))
        .expectException(CommandRejectedException.class);
    fixture
        .givenNoPriorActivity()
        .when(new RegisterAccountCommand("manager-9", null, "MANAGER", false))
        .expectException(CommandRejectedException.class);
    fixture
        .givenNoPriorActivity()
        .when(new RegisterAccountCommand("boss", null, "ROOT", true))
        .expectException(CommandRejectedException.class);
  }

  @Test
  void verifying_twice_records_the_verification_once() {
    fixture
        .given(new AccountRegisteredEvent("acc-1", "ana@example.org", "SPECTATOR", false))
        .when(new VerifyAccountEmailCommand("acc-1"))
        .expectEvents(new AccountEmailVerifiedEvent("acc-1"));
    fixture
        .given(
            new AccountRegisteredEvent("acc-1", "ana@example.org", "SPECTATOR", false),
            new AccountEmailVerifiedEvent("acc-1"))
        .when(new VerifyAccountEmailCommand("acc-1"))
        .expectNoEvents();
  }

  @Test
  void password_changes_and_sign_in_locks_are_recorded_without_secrets() {
    Instant until = Instant.parse("2026-11-26T15:00:30Z");
    fixture
        .given(new AccountRegisteredEvent("acc-1", "ana@example.org", "SPECTATOR", false))
        .when(new RecordPasswordChangeCommand("acc-1", "RESET"))
        .expectEvents(new AccountPasswordChangedEvent("acc-1", "RESET"));
    fixture
        .given(new AccountRegisteredEvent("acc-1", "ana@example.org", "SPECTATOR", false))
        .when(new LockSignInCommand("acc-1", 5, until))
        .expectEvents(new AccountSignInLockedEvent("acc-1", 5, until));
  }
}
