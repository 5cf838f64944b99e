package fr.guichet.command.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbuseSignalSubjectTest {

  @Test
  void signals_about_a_buyer_name_an_account_the_box_office_can_block() {
    assertThat(AbuseSignalStore.subjectType("hold-release-cycling", "5 holds released"))
        .isEqualTo("account");
    assertThat(AbuseSignalStore.subjectType("too-fast-checkout", "Paid 120 ms after holding"))
        .isEqualTo("account");
    assertThat(AbuseSignalStore.subjectType("purchase-cap-exceeded", "Payment refused"))
        .isEqualTo("account");
  }

  @Test
  void a_rate_limit_names_an_account_or_an_address_as_the_monitor_recorded_it() {
    assertThat(AbuseSignalStore.subjectType("rate-limited", "Rate limit per account hit on HOLD."))
        .isEqualTo("account");
    assertThat(AbuseSignalStore.subjectType("rate-limited", "Rate limit per address hit on HOLD."))
        .isEqualTo("address");
  }

  @Test
  void shared_addresses_cards_and_devices_are_not_accounts() {
    assertThat(AbuseSignalStore.subjectType("many-accounts-one-ip", "20 accounts"))
        .isEqualTo("address");
    assertThat(AbuseSignalStore.subjectType("many-accounts-one-card", "3 accounts"))
        .isEqualTo("card");
    assertThat(AbuseSignalStore.subjectType("many-accounts-one-device", "4 accounts"))
        .isEqualTo("device");
  }
}
