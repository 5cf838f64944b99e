package fr.guichet.command.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads back a tickets PDF written by {@link TicketPdf}: its text as written (WinAnsi), its
 * cross-reference table checked, and the QR code of each page decoded. Shared with the standalone
 * module's tests (command-side's test-jar holds only this class).
 */
public final class TicketPdfReader {

  private static final Charset WIN_ANSI = Charset.forName("windows-1252");
  private static final Pattern IMAGE =
      Pattern.compile("/Width (\\d+) /Height (\\d+) [^>]*/FlateDecode /Length (\\d+) >>\nstream\n");

  private final byte[] pdf;
  private final String text;

  public TicketPdfReader(byte[] pdf) {
    this.pdf = pdf;
    this.text = new String(pdf, WIN_ANSI);
  }

  /** The file as text: its strings are the page's lines, e.g. "(Carré Or)". */
  public String text() {
    return text;
  }

  /**
   * Asserts that the file is a PDF 1.4 with {@code pages} pages whose cross-reference table points
   * at each of its objects.
   */
  public TicketPdfReader assertWellFormed(int pages) {
    assertThat(text).startsWith("%PDF-1.4").endsWith("%%EOF\n").contains("/Count " + pages);
    int xref = Integer.parseInt(text.replaceAll("(?s).*startxref\n(\\d+)\n%%EOF\n$", "$1"));
    String[] table = text.substring(xref).split("\n");
    assertThat(table[0]).isEqualTo("xref");
    int size = Integer.parseInt(table[1].split(" ")[1]);
    for (int n = 1; n < size; n++) {
      int offset = Integer.parseInt(table[2 + n].substring(0, 10));
      assertThat(text.substring(offset)).startsWith(n + " 0 obj\n");
    }
    return this;
  }

  /** The text each page's QR code carries, in page order. */
  public List<String> qrCodes() throws DataFormatException, NotFoundException {
    Matcher image = IMAGE.matcher(text);
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
