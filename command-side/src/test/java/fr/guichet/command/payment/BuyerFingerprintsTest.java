package fr.guichet.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.config.ServerSecrets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuyerFingerprintsTest {

  @TempDir Path dataDir;

  private BuyerFingerprints fingerprints(byte fill) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, fill);
    return new BuyerFingerprints(
        new ServerSecrets(Base64.getEncoder().encodeToString(key), dataDir.toString()));
  }

  @Test
  void aliases_of_one_mailbox_have_one_canonical_form() {
    assertThat(BuyerFingerprints.canonicalMailbox(" Ann+Onsale@Example.org "))
        .isEqualTo("ann@example.org");
    assertThat(BuyerFingerprints.canonicalMailbox("a.n.n+2@googlemail.com"))
        .isEqualTo("ann@gmail.com");
    assertThat(BuyerFingerprints.canonicalMailbox("a.n.n@example.org"))
        .isEqualTo("a.n.n@example.org");
  }

  @Test
  void the_fingerprint_hides_the_address_and_is_the_same_for_its_aliases() {
    BuyerFingerprints platform = fingerprints((byte) 7);
    String ann = platform.mailbox("ann+1@gmail.com");
    assertThat(ann).startsWith("mb_").hasSize(35).doesNotContain("ann");
    assertThat(platform.mailbox("A.nn+2@gmail.com")).isEqualTo(ann);
    assertThat(platform.mailbox("bob@gmail.com")).isNotEqualTo(ann);
    assertThat(fingerprints((byte) 8).mailbox("ann@gmail.com")).isNotEqualTo(ann);
  }
}
