package fr.guichet.command.ticket;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * The tickets of an order as a PDF, one A5 page per ticket: event, place, category, holder, price,
 * ticket number and the signed QR code (drawn as an image, one pixel per module). Written by hand
 * with the PDF base fonts (nothing to embed, no library): text in WinAnsi, the QR as a
 * Flate-compressed grey image.
 */
final class TicketPdf {

  /**
   * What a page shows; {@code code} is the signed ticket code the QR carries. {@code place} names
   * the place from the seating plan; null when the plan is unknown, and the page shows {@code
   * placeId}.
   */
  record Page(
      String eventTitle,
      String venue,
      Instant startsAt,
      String placeId,
      PlaceNames.PlaceName place,
      String categoryName,
      String holderName,
      long priceCents,
      String ticketId,
      int issueNumber,
      String code) {}

  private static final Charset WIN_ANSI = Charset.forName("windows-1252");
  private static final ZoneId VENUE_ZONE = ZoneId.of("Europe/Paris");
  private static final int WIDTH = 420;
  private static final int HEIGHT = 595;

  private TicketPdf() {}

  static byte[] render(List<Page> pages, String language) {
    boolean en = "en".equals(language);
    Locale locale = en ? Locale.UK : Locale.FRANCE;
    Writer pdf = new Writer();
    int catalog = pdf.reserve();
    int pageTree = pdf.reserve();
    int regular = pdf.add(font("Helvetica"));
    int bold = pdf.add(font("Helvetica-Bold"));
    List<Integer> pageIds = new ArrayList<>();
    for (Page page : pages) {
      BitMatrix qr = matrix(page.code());
      int image = pdf.addStream(imageDictionary(qr), deflate(pixels(qr)));
      Text text = new Text();
      text.line(bold, 20, 40, 545, "GUICHET");
      text.line(
          regular, 10, 40, 530, en ? "Ticket — admits one person once" : "Billet — une entrée");
      int y = 500;
      for (String line : wrap(page.eventTitle() == null ? "" : page.eventTitle(), 42)) {
        text.line(bold, 15, 40, y, line);
        y -= 18;
      }
      if (page.venue() != null) {
        text.line(regular, 11, 40, y, page.venue());
        y -= 14;
      }
      if (page.startsAt() != null) {
        text.line(
            regular,
            11,
            40,
            y,
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(VENUE_ZONE)
                .format(page.startsAt()));
      }
      for (Field field : fields(page, en, locale)) {
        text.line(regular, 9, field.x(), field.y(), field.label());
        text.line(bold, 13, field.x(), field.y() - 15, field.value());
      }
      text.line(
          regular,
          9,
          40,
          40,
          (en ? "Ticket " : "Billet ")
              + page.ticketId()
              + (en ? ", issue " : ", émission ")
              + page.issueNumber());
      String content =
          text.toString() + "q 180 0 0 180 120 75 cm /Qr Do Q\n" + "q 0.5 w 30 30 m 390 30 l S Q\n";
      int contents = pdf.addStream("", content.getBytes(WIN_ANSI));
      int pageId =
          pdf.add(
              "<< /Type /Page /Parent "
                  + pageTree
                  + " 0 R /MediaBox [0 0 "
                  + WIDTH
                  + " "
                  + HEIGHT
                  + "] /Resources << /Font << /F"
                  + regular
                  + " "
                  + regular
                  + " 0 R /F"
                  + bold
                  + " "
                  + bold
                  + " 0 R >> /XObject << /Qr "
                  + image
                  + " 0 R >> >> /Contents "
                  + contents
                  + " 0 R >>");
      pageIds.add(pageId);
    }
    StringBuilder kids = new StringBuilder();
    for (int id : pageIds) {
      kids.append(id).append(" 0 R ");
    }
    pdf.set(
        pageTree,
        "<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pageIds.size() + " >>");
    pdf.set(catalog, "<< /Type /Catalog /Pages " + pageTree + " 0 R >>");
    return pdf.finish(catalog);
  }

  /** A label and its value, at a position of the page's upper half (the QR code is below). */
  private record Field(int x, int y, String label, String value) {}

  /**
   * Where the place is (section, row and seat from the seating plan; zone and number for a standing
   * place; the place id when the plan is unknown), then category and price, then the holder.
   */
  private static List<Field> fields(Page page, boolean en, Locale locale) {
    List<Field> fields = new ArrayList<>();
    PlaceNames.PlaceName place = page.place();
    if (place == null) {
      fields.add(new Field(40, 410, "Place", page.placeId()));
    } else if (place.standing()) {
      fields.add(new Field(40, 410, "Zone", place.area()));
      fields.add(
          new Field(
              40,
              372,
              en ? "Standing place no." : "Place debout n°",
              String.valueOf(place.number())));
    } else {
      fields.add(new Field(40, 410, "Section", place.area()));
      fields.add(new Field(40, 372, en ? "Row" : "Rang", place.row()));
      fields.add(new Field(160, 372, en ? "Seat" : "Place", String.valueOf(place.number())));
    }
    int y = place == null ? 372 : 334;
    fields.add(new Field(40, y, en ? "Category" : "Catégorie", nullToEmpty(page.categoryName())));
    fields.add(new Field(260, y, en ? "Price" : "Prix", money(page.priceCents(), locale)));
    fields.add(new Field(40, y - 38, en ? "Holder" : "Titulaire", nullToEmpty(page.holderName())));
    return fields;
  }

  private static String font(String name) {
    return "<< /Type /Font /Subtype /Type1 /BaseFont /" + name + " /Encoding /WinAnsiEncoding >>";
  }

  private static String imageDictionary(BitMatrix qr) {
    return "/Type /XObject /Subtype /Image /Width "
        + qr.getWidth()
        + " /Height "
        + qr.getHeight()
        + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Interpolate false /Filter /FlateDecode";
  }

  private static BitMatrix matrix(String code) {
    try {
      return new QRCodeWriter()
          .encode(
              code,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M,
                  EncodeHintType.MARGIN,
                  4));
    } catch (WriterException e) {
      throw new IllegalArgumentException("Cannot encode a QR code", e);
    }
  }

  private static byte[] pixels(BitMatrix qr) {
    byte[] grey = new byte[qr.getWidth() * qr.getHeight()];
    for (int y = 0; y < qr.getHeight(); y++) {
      for (int x = 0; x < qr.getWidth(); x++) {
        grey[y * qr.getWidth() + x] = qr.get(x, y) ? 0 : (byte) 0xFF;
      }
    }
    return grey;
  }

  private static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static String money(long cents, Locale locale) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(Currency.getInstance("EUR"));
    // The PDF base fonts have no narrow no-break space: use a plain space.
    return format.format(cents / 100.0).replace('\u202f', ' ').replace('\u00a0', ' ');
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word.length() > width ? word.substring(0, width) : word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines.size() > 3 ? lines.subList(0, 3) : lines;
  }

  /** Text operators for one page. */
  private static final class Text {
    private final StringBuilder ops = new StringBuilder();

    void line(int font, int size, int x, int y, String text) {
      ops.append("BT /F")
          .append(font)
          .append(' ')
          .append(size)
          .append(" Tf ")
          .append(x)
          .append(' ')
          .append(y)
          .append(" Td (")
          .append(escape(text))
          .append(") Tj ET\n");
    }

    private static String escape(String text) {
      StringBuilder out = new StringBuilder();
      for (char c : text.toCharArray()) {
        if (c == '\\' || c == '(' || c == ')') {
          out.append('\\').append(c);
        } else if (c < 0x20) {
          out.append(' ');
        } else if (!WIN_ANSI.newEncoder().canEncode(c)) {
          out.append('?');
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    @Override
    public String toString() {
      return ops.toString();
    }
  }

  /** Numbered objects, their byte offsets and the cross-reference table. */
  private static final class Writer {
    private final List<byte[]> objects = new ArrayList<>();

    int reserve() {
      objects.add(null);
      return objects.size();
    }

    int add(String dictionary) {
      objects.add(dictionary.getBytes(StandardCharsets.US_ASCII));
      return objects.size();
    }

    void set(int id, String dictionary) {
      objects.set(id - 1, dictionary.getBytes(StandardCharsets.US_ASCII));
    }

    int addStream(String dictionaryEntries, byte[] data) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(
          ("<< " + dictionaryEntries + " /Length " + data.length + " >>\nstream\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(data);
      out.writeBytes("\nendstream".getBytes(StandardCharsets.US_ASCII));
      objects.add(out.toByteArray());
      return objects.size();
    }

    byte[] finish(int root) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
      long[] offsets = new long[objects.size()];
      for (int i = 0; i < objects.size(); i++) {
        offsets[i] = out.size();
        out.writeBytes((i + 1 + " 0 obj\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(objects.get(i));
        out.writeBytes("\nendobj\n".getBytes(StandardCharsets.US_ASCII));
      }
      long xref = out.size();
      StringBuilder table = new StringBuilder();
      table.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
      for (long offset : offsets) {
        table.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
      }
      table
          .append("trailer\n<< /Size ")
          .append(objects.size() + 1)
          .append(" /Root ")
          .append(root)
          .append(" 0 R >>\nstartxref\n")
          .append(xref)
          .append("\n%%EOF\n");
      out.writeBytes(table.toString().getBytes(StandardCharsets.US_ASCII));
      return out.toByteArray();
    }
  }
}
