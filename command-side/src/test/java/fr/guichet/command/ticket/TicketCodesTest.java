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
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketCodesTest {

  @TempDir Path dir;

  private TicketCodes codes(Path dataDir) {
    return new TicketCodes(
        new TicketSigningKeys("", "", List.of(), new LocalSecrets(dataDir.toString())));
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
    var claim = codes.verify(decoded).orElseThrow();
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
      assertThat(codes.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(altered)))
          .as("byte %d altered", i)
          .isEmpty();
    }
    assertThat(codes.verify(code.substring(0, code.length() - 3))).isEmpty();
    assertThat(codes.verify("")).isEmpty();
    assertThat(codes.verify("%%%not base64")).isEmpty();
    assertThat(codes.verify(null)).isEmpty();
  }

  @Test
  void a_code_signed_by_another_key_is_refused_and_the_key_survives_a_restart(@TempDir Path other) {
    String code = codes(dir).sign("order-1", 1, 1, "event-1");
    assertThat(codes(other).verify(code)).isEmpty();
    assertThat(codes(dir).verify(code)).isPresent();
  }
}
