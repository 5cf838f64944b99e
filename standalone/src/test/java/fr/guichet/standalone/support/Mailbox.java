package fr.guichet.standalone.support;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** The embedded SMTP server's received mails, and the QR codes in them. */
public final class Mailbox {

  private final GreenMail server;

  public Mailbox(GreenMail server) {
    this.server = server;
  }

  public List<MimeMessage> to(String address) {
    return Arrays.stream(server.getReceivedMessages())
        .filter(
            m -> {
              try {
                for (Address a : m.getAllRecipients()) {
                  if (a.toString().equalsIgnoreCase(address)) {
                    return true;
                  }
                }
                return false;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  /** The text of every QR code PNG in the mail, in order. */
  public static List<String> qrCodes(MimeMessage message) throws Exception {
    List<String> codes = new ArrayList<>();
    collect(message, codes);
    return codes;
  }

  public static String html(MimeMessage message) throws Exception {
    StringBuilder out = new StringBuilder();
    html(message, out);
    return out.toString();
  }

  private static void html(Part part, StringBuilder out) throws Exception {
    if (part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        html(mp.getBodyPart(i), out);
      }
    } else if (part.isMimeType("text/html") || part.isMimeType("text/plain")) {
      out.append(part.getContent());
    }
  }

  private static void collect(Part part, List<String> codes) throws Exception {
    if (part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        collect(mp.getBodyPart(i), codes);
      }
    } else if (part.isMimeType("image/png")) {
      try (InputStream in = part.getInputStream()) {
        codes.add(decode(in.readAllBytes()));
      }
    }
  }

  public static String decode(byte[] png) throws Exception {
    var image = ImageIO.read(new java.io.ByteArrayInputStream(png));
    return new MultiFormatReader()
        .decode(
            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
            Map.of(
                DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                DecodeHintType.TRY_HARDER, Boolean.TRUE,
                DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE)))
        .getText();
  }
}
