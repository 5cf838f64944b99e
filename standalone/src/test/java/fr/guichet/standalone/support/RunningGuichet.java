package fr.guichet.standalone.support;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The platform a browser test class drives: started once before its tests on a fresh data directory
 * and a free port (embedded SMTP server, so {@link #mailbox()} and the {@code /dev/mailbox} page
 * work, and the links in the mails point at this platform), stopped and deleted after them.
 * Register it after {@link Browsers} (with {@code @Order}) so that a machine without chromium skips
 * the class before starting anything.
 */
public final class RunningGuichet implements BeforeAllCallback, AfterAllCallback {

  private static final Path DATA = Path.of("target", "browser-test-data");

  private final String[] extraArgs;
  private Path dataDir;
  private GuichetInstance instance;
  private Api api;

  /**
   * {@code extraArgs}: more Spring settings, e.g. "--guichet.payments.sandbox.retry-base=PT0.2S".
   */
  public RunningGuichet(String... extraArgs) {
    this.extraArgs = extraArgs;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Files.createDirectories(DATA);
    dataDir = Files.createTempDirectory(DATA, context.getRequiredTestClass().getSimpleName());
    String[] args = new String[extraArgs.length + 4];
    args[0] = "--guichet.mail.embedded=true";
    args[1] = "--guichet.mail.embedded-port=0";
    // A port known before start, so that the links the platform mails (guichet.public-url) work.
    args[2] = "--server.port=" + freePort();
    // The browsers are gone when the class ends, but the server may not have noticed that their
    // live streams (server-sent events) were closed: a graceful shutdown then waited its whole
    // 20-second phase timeout for them, for nothing.
    args[3] = "--server.shutdown=immediate";
    System.arraycopy(extraArgs, 0, args, 4, extraArgs.length);
    instance = GuichetInstance.start(dataDir, args);
    api = new Api(instance.http());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (instance != null) {
      instance.close();
      instance = null;
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(RunningGuichet::delete);
      }
    }
  }

  public GuichetInstance instance() {
    return instance;
  }

  /** The HTTP calls of the roles, through bearer tokens of test actors. */
  public Api api() {
    return api;
  }

  /** The mails the platform sent, as the embedded SMTP server received them. */
  public Mailbox mailbox() {
    return new Mailbox(instance.bean(GreenMail.class));
  }

  /** The platform's address, e.g. "http://localhost:41234". */
  public String base() {
    return "http://localhost:" + instance.port();
  }

  /** Waits until the event is on sale and its seating plan is served to the event page. */
  public void awaitOnSale(String eventId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                "ON_SALE"
                        .equals(
                            instance
                                .http()
                                .get()
                                .uri("/api/events/" + eventId)
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("salesState"))
                    && instance
                        .http()
                        .get()
                        .uri("/api/events/" + eventId + "/seat-map")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .is2xxSuccessful());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
