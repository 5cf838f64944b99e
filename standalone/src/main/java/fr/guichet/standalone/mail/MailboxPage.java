package fr.guichet.standalone.mail;

import com.icegreen.greenmail.util.GreenMail;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The developer mailbox: every mail the embedded SMTP server received, with its images. */
@Hidden
@RestController
@ConditionalOnProperty(name = "guichet.mail.embedded", havingValue = "true")
class MailboxPage {

  private static final Pattern WEB_ADDRESS = Pattern.compile("(https?://[^\\s<>\"]+)");

  private final GreenMail server;

  MailboxPage(GreenMail server) {
    this.server = server;
  }

  @GetMapping(value = "/dev/mailbox", produces = MediaType.TEXT_HTML_VALUE)
  String list() throws Exception {
    MimeMessage[] messages = server.getReceivedMessages();
    StringBuilder html =
        new StringBuilder(
            "<!doctype html><html lang=fr><meta charset=utf-8><title>Boîte mail de"
                + " développement</title><body style=\"font-family:sans-serif\"><h1>Boîte mail de"
                + " développement</h1><p>Les e-mails envoyés par la plateforme (serveur SMTP"
                + " embarqué).</p><ol>");
    for (int i = messages.length - 1; i >= 0; i--) {
      html.append("<li><a href=\"/dev/mailbox/")
          .append(i)
          .append("\">")
          .append(HtmlUtils.htmlEscape(String.valueOf(messages[i].getSubject())))
          .append("</a> — ")
          .append(HtmlUtils.htmlEscape(String.join(", ", recipients(messages[i]))))
          .append("</li>");
    }
    return html.append("</ol></body></html>").toString();
  }

  @GetMapping(value = "/dev/mailbox/{index}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> show(@PathVariable int index) throws Exception {
    MimeMessage[] messages = server.getReceivedMessages();
    if (index < 0 || index >= messages.length) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body("<p>Pas de tel e-mail.</p>");
    }
    Map<String, String> images = new HashMap<>();
    StringBuilder html = new StringBuilder();
    StringBuilder text = new StringBuilder();
    walk(messages[index], images, html, text);
    String body =
        html.length() > 0
            ? html.toString()
            : "<pre>" + linked(HtmlUtils.htmlEscape(text.toString())) + "</pre>";
    for (Map.Entry<String, String> image : images.entrySet()) {
      body = body.replace("cid:" + image.getKey(), image.getValue());
    }
    return ResponseEntity.ok(
        "<!doctype html><meta charset=utf-8><p><a href=\"/dev/mailbox\">← boîte mail</a></p><p>"
            + "<strong>"
            + HtmlUtils.htmlEscape(String.valueOf(messages[index].getSubject()))
            + "</strong><br>À : "
            + HtmlUtils.htmlEscape(String.join(", ", recipients(messages[index])))
            + "</p><hr>"
            + body);
  }

  /** Web addresses of an escaped plain-text mail made into links, as a mail reader does. */
  static String linked(String escapedText) {
    return WEB_ADDRESS.matcher(escapedText).replaceAll("<a href=\"$1\">$1</a>");
  }

  private static String[] recipients(MimeMessage m) throws Exception {
    var all = m.getAllRecipients();
    if (all == null) {
      return new String[0];
    }
    String[] out = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].toString();
    }
    return out;
  }

  private static void walk(
      Part part, Map<String, String> images, StringBuilder html, StringBuilder text)
      throws Exception {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        walk(multipart.getBodyPart(i), images, html, text);
      }
    } else if (part.isMimeType("text/html")) {
      html.append(part.getContent());
    } else if (part.isMimeType("text/plain")
        && !(part instanceof BodyPart bp && bp.getDisposition() != null)) {
      text.append(part.getContent());
    } else if (part.isMimeType("image/*")
        && part instanceof jakarta.mail.internet.MimeBodyPart mbp) {
      String cid = mbp.getContentID();
      if (cid != null) {
        try (InputStream in = part.getInputStream()) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          in.transferTo(out);
          images.put(
              cid.replaceAll("^<|>$", ""),
              "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray()));
        }
      }
    }
  }
}
