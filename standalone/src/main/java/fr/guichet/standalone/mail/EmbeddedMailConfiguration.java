package fr.guichet.standalone.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * On embedded defaults the platform's mails go to an SMTP server inside the platform (GreenMail, on
 * loopback), shown by the developer mailbox page {@code /dev/mailbox}. Production sets {@code
 * guichet.mail.embedded=false} and {@code spring.mail.host} instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "guichet.mail.embedded", havingValue = "true")
public class EmbeddedMailConfiguration {

  @Bean(destroyMethod = "stop")
  public GreenMail embeddedSmtpServer(@Value("${guichet.mail.embedded-port:0}") int port) {
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    GreenMail server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
    server.start();
    return server;
  }

  @Bean
  public JavaMailSender embeddedMailSender(GreenMail embeddedSmtpServer) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(embeddedSmtpServer.getSmtp().getPort());
    sender.setDefaultEncoding("UTF-8");
    return sender;
  }
}
