package fr.guichet.command.account;

import fr.guichet.api.account.AccountDomainEvent.AccountBlockedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountRegisteredEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountUnblockedEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.account.AccountBlockCommands.BlockAccountCommand;
import fr.guichet.command.account.AccountBlockCommands.UnblockAccountCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountBlockTest {

  private static final AccountRegisteredEvent SPECTATOR =
      new AccountRegisteredEvent("acc-1", "ana@example.org", "SPECTATOR", false);
  private AggregateTestFixture<Account> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Account.class);
  }

  @Test
  void a_manager_blocks_a_buyer_with_a_reason_and_the_event_names_the_manager() {
    fixture
        .given(SPECTATOR)
        .when(new BlockAccountCommand("acc-1", "  resale of 40 tickets  ", "manager-1"))
        .expectEvents(new AccountBlockedEvent("acc-1", "resale of 40 tickets", "manager-1"));
  }

  @Test
  void blocking_needs_a_reason() {
    fixture
        .given(SPECTATOR)
        .when(new BlockAccountCommand("acc-1", " ", "manager-1"))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void staff_accounts_are_not_blocked() {
    fixture
        .given(new AccountRegisteredEvent("door-1", null, "DOOR", true))
        .when(new BlockAccountCommand("door-1", "lost badge", "manager-1"))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void blocking_twice_records_one_block_and_unblocking_lifts_it_once() {
    fixture
        .given(SPECTATOR, new AccountBlockedEvent("acc-1", "resale", "manager-1"))
        .when(new BlockAccountCommand("acc-1", "resale again", "manager-2"))
        .expectNoEvents();
    fixture
        .given(SPECTATOR, new AccountBlockedEvent("acc-1", "resale", "manager-1"))
        .when(new UnblockAccountCommand("acc-1", "explained on the phone", "director-1"))
        .expectEvents(new AccountUnblockedEvent("acc-1", "explained on the phone", "director-1"));
    fixture
        .given(SPECTATOR)
        .when(new UnblockAccountCommand("acc-1", null, "manager-1"))
        .expectNoEvents();
  }
}
