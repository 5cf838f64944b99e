package fr.guichet.command.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TicketKeyDerivationTest {

  private static final byte[] MASTER = new byte[32];
  private static final byte[] OTHER_MASTER = new byte[32];

  static {
    Arrays.fill(MASTER, (byte) 7);
    Arrays.fill(OTHER_MASTER, (byte) 8);
  }

  @Test
  void the_same_master_secret_and_event_always_give_the_same_key_pair() {
    byte[] seed = TicketKeyDerivation.seed(MASTER, "event-1");
    assertThat(seed).hasSize(32).isEqualTo(TicketKeyDerivation.seed(MASTER, "event-1"));
    KeyPair once = TicketKeyDerivation.keyPair(seed);
    KeyPair again = TicketKeyDerivation.keyPair(TicketKeyDerivation.seed(MASTER, "event-1"));
    assertThat(once.getPublic().getEncoded()).isEqualTo(again.getPublic().getEncoded());
    assertThat(once.getPrivate().getEncoded()).isEqualTo(again.getPrivate().getEncoded());
  }

  @Test
  void each_event_and_each_master_secret_has_its_own_key() {
    byte[] one =
        TicketKeyDerivation.keyPair(TicketKeyDerivation.seed(MASTER, "event-1"))
            .getPublic()
            .getEncoded();
    byte[] two =
        TicketKeyDerivation.keyPair(TicketKeyDerivation.seed(MASTER, "event-2"))
            .getPublic()
            .getEncoded();
    byte[] otherMaster =
        TicketKeyDerivation.keyPair(TicketKeyDerivation.seed(OTHER_MASTER, "event-1"))
            .getPublic()
            .getEncoded();
    assertThat(one).isNotEqualTo(two).isNotEqualTo(otherMaster);
    assertThat(TicketKeyDerivation.seed(MASTER, "event-1"))
        .isNotEqualTo(TicketKeyDerivation.seed(MASTER, "event-10"));
  }

  @Test
  void the_seed_is_hkdf_sha256_of_the_master_secret_and_the_event_id() throws Exception {
    // RFC 5869 by hand: PRK = HMAC(salt, IKM), OKM = HMAC(PRK, info | 0x01)[0..32)
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            "guichet/ticket-signing/ed25519/v1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] prk = mac.doFinal(MASTER);
    mac.init(new javax.crypto.spec.SecretKeySpec(prk, "HmacSHA256"));
    mac.update("event:event-1".getBytes(StandardCharsets.UTF_8));
    byte[] okm = mac.doFinal(new byte[] {1});
    assertThat(HexFormat.of().formatHex(TicketKeyDerivation.seed(MASTER, "event-1")))
        .isEqualTo(HexFormat.of().formatHex(okm));
  }

  @Test
  void the_derived_public_key_verifies_what_the_seed_as_an_ed25519_private_key_signs()
      throws Exception {
    byte[] seed = TicketKeyDerivation.seed(MASTER, "event-1");
    PrivateKey fromSpec =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    byte[] message = "ticket".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(fromSpec);
    signer.update(message);
    byte[] signature = signer.sign();

    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(TicketKeyDerivation.keyPair(seed).getPublic());
    verifier.update(message);
    assertThat(verifier.verify(signature)).isTrue();

    Signature otherEvent = Signature.getInstance("Ed25519");
    otherEvent.initVerify(
        TicketKeyDerivation.keyPair(TicketKeyDerivation.seed(MASTER, "event-2")).getPublic());
    otherEvent.update(message);
    assertThat(otherEvent.verify(signature)).isFalse();
  }

  @Test
  void a_short_master_secret_is_refused() {
    assertThatThrownBy(() -> TicketKeyDerivation.seed(new byte[16], "event-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
