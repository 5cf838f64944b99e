package fr.guichet.command.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The tickets PDF: well-formed, one page per ticket, its text readable, its QR codes scannable. */
class TicketPdfTest {

  static final Charset WIN_ANSI = Charset.forName("windows-1252");

  static TicketPdf.Page page(String place, String holder, String code) {
    return new TicketPdf.Page(
        "Festival des Lumières (soirée d'ouverture)",
        "Grande Salle",
        Instant.parse("2027-07-14T18:30:00Z"),
        place,
        "Carré Or",
        holder,
        7200,
        "order-1/1",
        1,
        code);
  }

  @Test
  void every_ticket_gets_a_page_with_its_text_and_a_qr_code_that_scans_back_to_its_code()
      throws Exception {
    byte[] pdf =
        TicketPdf.render(
            List.of(
                page("ORCH-A-5", "Zoë Ñúñez", "code-one-ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                page("ORCH-A-6", "Łukasz (the 2nd)", "code-two-abcdefghijklmnopqrstuvwxyz")),
            "fr");
    String text = new String(pdf, WIN_ANSI);

    assertThat(text).startsWith("%PDF-1.4").endsWith("%%EOF\n").contains("/Count 2");
    assertThat(text)
        .contains("(Festival des Lumières \\(soirée d'ouverture\\))")
        .contains("(Zoë Ñúñez)")
        .contains("(?ukasz \\(the 2nd\\))")
        .contains("(72,00 €)")
        .contains("(mercredi 14 juillet 2027 20:30)");
    int xref = Integer.parseInt(text.replaceAll("(?s).*startxref\n(\\d+)\n%%EOF\n$", "$1"));
    String[] table = text.substring(xref).split("\n");
    assertThat(table[0]).isEqualTo("xref");
    int size = Integer.parseInt(table[1].split(" ")[1]);
    for (int n = 1; n < size; n++) {
      int offset = Integer.parseInt(table[2 + n].substring(0, 10));
      assertThat(text.substring(offset)).startsWith(n + " 0 obj\n");
    }
    assertThat(qrCodes(pdf))
        .containsExactly(
            "code-one-ABCDEFGHIJKLMNOPQRSTUVWXYZ", "code-two-abcdefghijklmnopqrstuvwxyz");
  }

  @Test
  void long_titles_wrap_on_words_and_stop_at_three_lines() {
    assertThat(TicketPdf.wrap("Les Nuits de Fourvière présentent un concert exceptionnel", 20))
        .containsExactly("Les Nuits de", "Fourvière présentent", "un concert");
  }

  static List<String> qrCodes(byte[] pdf) throws Exception {
    String text = new String(pdf, WIN_ANSI);
    Matcher image =
        Pattern.compile(
                "/Width (\\d+) /Height (\\d+) [^>]*/FlateDecode /Length (\\d+) >>\nstream\n")
            .matcher(text);
    List<String> codes = new ArrayList<>();
    while (image.find()) {
      int width = Integer.parseInt(image.group(1));
      int height = Integer.parseInt(image.group(2));
      Inflater inflater = new Inflater();
      inflater.setInput(pdf, image.end(), Integer.parseInt(image.group(3)));
      byte[] grey = new byte[width * height];
      assertThat(inflater.inflate(grey)).isEqualTo(grey.length);
      int scale = 4;
      BufferedImage picture =
          new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < height * scale; y++) {
        for (int x = 0; x < width * scale; x++) {
          int v = grey[(y / scale) * width + x / scale] & 0xFF;
          picture.setRGB(x, y, (v << 16) | (v << 8) | v);
        }
      }
      codes.add(
          new MultiFormatReader()
              .decode(
                  new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(picture))),
                  Map.of(
                      DecodeHintType.PURE_BARCODE,
                      Boolean.TRUE,
                      DecodeHintType.POSSIBLE_FORMATS,
                      List.of(BarcodeFormat.QR_CODE)))
              .getText());
    }
    return codes;
  }
}
