package fr.guichet.command.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import fr.guichet.command.secrets.LocalSecrets;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketCodesTest {

  @TempDir Path dir;

  private TicketCodes codes(Path dataDir) {
    return new TicketCodes(keys(dataDir));
  }

  private static TicketSigningKeys keys(Path dataDir) {
    return new TicketSigningKeys(
        "", List.of(), "", List.of(), new LocalSecrets(dataDir.toString()));
  }

  @Test
  void a_signed_code_survives_the_qr_png_round_trip_and_verifies() throws Exception {
    TicketCodes codes = codes(dir);
    String code = codes.sign("0b1e5d0c-7f4e-3c55-9f6e-2a1d7c1d2b3a", 2, 1, "event-1");
    byte[] png = QrCodes.png(code, 320);
    String decoded =
        new MultiFormatReader()
            .decode(
                new BinaryBitmap(
                    new HybridBinarizer(
                        new BufferedImageLuminanceSource(
                            ImageIO.read(new ByteArrayInputStream(png))))),
                Map.of(
                    DecodeHintType.PURE_BARCODE,
                    true,
                    DecodeHintType.POSSIBLE_FORMATS,
                    List.of(BarcodeFormat.QR_CODE)))
            .getText();
    assertThat(decoded).isEqualTo(code);
    var claim = codes.verify(decoded, "event-1").orElseThrow();
    assertThat(claim.orderId()).isEqualTo("0b1e5d0c-7f4e-3c55-9f6e-2a1d7c1d2b3a");
    assertThat(claim.number()).isEqualTo(2);
    assertThat(claim.issueNumber()).isEqualTo(1);
    assertThat(claim.isFor("event-1")).isTrue();
    assertThat(claim.isFor("event-2")).isFalse();
  }

  @Test
  void every_altered_byte_truncation_or_garbage_reads_as_no_ticket() {
    TicketCodes codes = codes(dir);
    String code = codes.sign("order-1", 1, 1, "event-1");
    byte[] bytes = Base64.getUrlDecoder().decode(code);
    for (int i = 0; i < bytes.length; i++) {
      byte[] altered = bytes.clone();
      altered[i] ^= 0x01;
      assertThat(
              codes.verify(
                  Base64.getUrlEncoder().withoutPadding().encodeToString(altered), "event-1"))
          .as("byte %d altered", i)
          .isEmpty();
    }
    assertThat(codes.verify(code.substring(0, code.length() - 3), "event-1")).isEmpty();
    assertThat(codes.verify("", "event-1")).isEmpty();
    assertThat(codes.verify("%%%not base64", "event-1")).isEmpty();
    assertThat(codes.verify(null, "event-1")).isEmpty();
  }

  @Test
  void a_code_signed_by_another_key_is_refused_and_the_key_survives_a_restart(@TempDir Path other) {
    String code = codes(dir).sign("order-1", 1, 1, "event-1");
    assertThat(codes(other).verify(code, "event-1")).isEmpty();
    assertThat(codes(dir).verify(code, "event-1")).isPresent();
  }

  @Test
  void each_event_signs_with_its_own_published_key_and_a_code_of_event_a_fails_with_event_b_key()
      throws Exception {
    TicketSigningKeys keys = keys(dir);
    TicketCodes codes = new TicketCodes(keys);
    String code = codes.sign("order-1", 1, 1, "event-A");
    byte[] bytes = Base64.getUrlDecoder().decode(code);
    byte[] signed = Arrays.copyOf(bytes, bytes.length - 64);
    byte[] signature = Arrays.copyOfRange(bytes, bytes.length - 64, bytes.length);

    var a = keys.forEvent("event-A");
    var b = keys.forEvent("event-B");
    assertThat(a.keys().get(0).scope()).isEqualTo("EVENT");
    assertThat(a.keys().get(0).keyId()).isEqualTo(HexFormat.of().formatHex(bytes, 1, 5));
    assertThat(a.eventTag()).isEqualTo(HexFormat.of().formatHex(bytes, 5, 13));
    assertThat(b.keys().get(0).keyId()).isNotEqualTo(a.keys().get(0).keyId());
    assertThat(verifies(a.keys().get(0).publicKey(), signed, signature)).isTrue();
    assertThat(verifies(b.keys().get(0).publicKey(), signed, signature)).isFalse();

    assertThat(codes.verify(code, "event-A")).isPresent();
    assertThat(codes.verify(code, "event-B")).isEmpty();
    assertThat(codes.namesAnotherEvent(code, "event-B")).isTrue();
    assertThat(codes.namesAnotherEvent(code, "event-A")).isFalse();
    assertThat(codes.sign("order-1", 1, 1, "event-A")).isEqualTo(code);
  }

  @Test
  void a_code_signed_with_the_former_platform_key_still_verifies_as_a_retired_key()
      throws Exception {
    KeyPair platform = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(
        dir.resolve("secrets/" + TicketSigningKeys.LEGACY_KEY_PAIR_FILE),
        Base64.getEncoder().encodeToString(platform.getPrivate().getEncoded())
            + ":"
            + Base64.getEncoder().encodeToString(platform.getPublic().getEncoded()));
    String legacy = legacyCode(platform, "order-9", 3, 1, "event-A");
    TicketCodes codes = codes(dir);

    var claim = codes.verify(legacy, "event-A").orElseThrow();
    assertThat(claim.orderId()).isEqualTo("order-9");
    assertThat(claim.number()).isEqualTo(3);
    assertThat(claim.isFor("event-A")).isTrue();
    // A platform-wide key's ticket names its event only in its signed content: the Event's door
    // is told by the claim (the tickets aggregate refuses it as another event's).
    assertThat(codes.verify(legacy, "event-B").orElseThrow().isFor("event-B")).isFalse();
    assertThat(keys(dir).forEvent("event-A").keys())
        .extracting(TicketSigningKeys.PublishedKey::scope)
        .containsExactly("EVENT", "PLATFORM_RETIRED");
    assertThat(keys(dir).platformPublished()).hasSize(1);

    String configured = Base64.getEncoder().encodeToString(platform.getPublic().getEncoded());
    TicketCodes fromConfiguration =
        new TicketCodes(
            new TicketSigningKeys(
                TicketSigningKeys.newMasterSecret(),
                List.of(),
                "",
                List.of(configured),
                new LocalSecrets(dir.resolve("elsewhere").toString())));
    assertThat(fromConfiguration.verify(legacy, "event-A")).isPresent();
  }

  @Test
  void a_retired_master_secret_still_verifies_and_the_configured_one_signs() {
    String oldSecret = TicketSigningKeys.newMasterSecret();
    String newSecret = TicketSigningKeys.newMasterSecret();
    LocalSecrets none = new LocalSecrets(dir.toString());
    TicketCodes before =
        new TicketCodes(new TicketSigningKeys(oldSecret, List.of(), "", List.of(), none));
    TicketCodes after =
        new TicketCodes(new TicketSigningKeys(newSecret, List.of(oldSecret), "", List.of(), none));
    TicketCodes forgotten =
        new TicketCodes(new TicketSigningKeys(newSecret, List.of(), "", List.of(), none));
    String old = before.sign("order-1", 1, 1, "event-A");

    assertThat(after.verify(old, "event-A")).isPresent();
    assertThat(forgotten.verify(old, "event-A")).isEmpty();
    assertThat(after.sign("order-1", 1, 1, "event-A")).isNotEqualTo(old);
    assertThat(Files.exists(dir.resolve("secrets/" + TicketSigningKeys.MASTER_SECRET_FILE)))
        .as("a configured master secret is never written to the data dir")
        .isFalse();
  }

  @Test
  void the_embedded_master_secret_is_generated_once_and_never_holds_a_private_key()
      throws Exception {
    String code = codes(dir).sign("order-1", 1, 1, "event-A");
    String stored =
        Files.readString(dir.resolve("secrets/" + TicketSigningKeys.MASTER_SECRET_FILE)).trim();
    assertThat(Base64.getDecoder().decode(stored)).hasSize(32);
    assertThat(codes(dir).sign("order-1", 1, 1, "event-A")).isEqualTo(code);
    assertThat(Files.exists(dir.resolve("secrets/" + TicketSigningKeys.LEGACY_KEY_PAIR_FILE)))
        .isFalse();
  }

  private static boolean verifies(String publicKey, byte[] signed, byte[] signature)
      throws Exception {
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(
        KeyFactory.getInstance("Ed25519")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))));
    verifier.update(signed);
    return verifier.verify(signature);
  }

  /** A code as the platform signed them before per-event keys, with its one platform key. */
  private static String legacyCode(
      KeyPair platform, String orderId, int number, int issue, String eventId) throws Exception {
    byte[] order = orderId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = ByteBuffer.allocate(18 + order.length);
    payload.put((byte) 1);
    payload.put(TicketSigningKeys.keyId(platform.getPublic()));
    payload.put(TicketCodes.eventTag(eventId));
    payload.putShort((short) number);
    payload.putShort((short) issue);
    payload.put((byte) order.length);
    payload.put(order);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(platform.getPrivate());
    signer.update(payload.array());
    byte[] code = Arrays.copyOf(payload.array(), payload.array().length + 64);
    System.arraycopy(signer.sign(), 0, code, payload.array().length, 64);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(code);
  }
}
