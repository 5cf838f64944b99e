package fr.guichet.standalone.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real PostgreSQL 15 database. Register it as a static field:
 *
 * <pre>{@code @RegisterExtension static final PostgresCluster postgres = new PostgresCluster();}
 * </pre>
 *
 * <p>When {@code GUICHET_TEST_PG_URL} is set (with {@code GUICHET_TEST_PG_USER} and {@code
 * GUICHET_TEST_PG_PASSWORD}), that database is used as it is. Otherwise a private cluster is
 * created with the Debian binaries ({@code /usr/lib/postgresql/15/bin}, or {@code
 * GUICHET_TEST_PG_BIN}): {@code initdb} into a fresh directory under {@code
 * GUICHET_TEST_PG_WORKDIR} (default: the system temporary directory), started with {@code pg_ctl}
 * on a free loopback port, one database created in it, and everything stopped and deleted after the
 * test class. PostgreSQL refuses to run as root, so when the tests run as root the binaries run as
 * the {@code postgres} user through {@code runuser}.
 *
 * <p>Without the binaries the test class is skipped, unless {@code CI} is set: then it fails, so a
 * CI machine that lost PostgreSQL cannot pass silently.
 */
public final class PostgresCluster implements BeforeAllCallback, AfterAllCallback {

  public static final String URL_ENV = "GUICHET_TEST_PG_URL";
  public static final String USER_ENV = "GUICHET_TEST_PG_USER";
  public static final String PASSWORD_ENV = "GUICHET_TEST_PG_PASSWORD";
  public static final String BIN_ENV = "GUICHET_TEST_PG_BIN";
  public static final String WORKDIR_ENV = "GUICHET_TEST_PG_WORKDIR";
  static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
  static final String SUPERUSER = "guichet";
  static final String DATABASE = "guichet";
  private static final String SERVICE_USER = "postgres";
  private static final int START_ATTEMPTS = 3;

  private String jdbcUrl;
  private String username;
  private String password;
  private Path workDir;
  private Path binDir;
  private boolean asServiceUser;
  private Thread shutdownHook;

  /** The JDBC URL of the test's database. */
  public String jdbcUrl() {
    return requireStarted(jdbcUrl);
  }

  public String username() {
    return requireStarted(username);
  }

  public String password() {
    return requireStarted(password);
  }

  /** Whether this extension started its own cluster (false when an external one was given). */
  public boolean isPrivateCluster() {
    return workDir != null;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String external = System.getenv(URL_ENV);
    if (external != null && !external.isBlank()) {
      jdbcUrl = external;
      username = envOr(USER_ENV, "postgres");
      password = envOr(PASSWORD_ENV, "");
      return;
    }
    binDir = Path.of(envOr(BIN_ENV, DEFAULT_BIN));
    if (!Files.isExecutable(binDir.resolve("initdb"))
        || !Files.isExecutable(binDir.resolve("pg_ctl"))) {
      String message =
          "PostgreSQL 15 binaries not found in "
              + binDir
              + " (install the Debian package postgresql-15, set "
              + BIN_ENV
              + ", or point "
              + URL_ENV
              + " at a database).";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(message + " CI is set, so this test may not be skipped.");
      }
      Assumptions.abort(message + " Skipping.");
    }
    asServiceUser = runningAsRoot();
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private synchronized void start() throws IOException, InterruptedException, SQLException {
    Path root = Path.of(envOr(WORKDIR_ENV, System.getProperty("java.io.tmpdir")));
    Files.createDirectories(root);
    workDir = Files.createTempDirectory(root, "guichet-pg-");
    if (asServiceUser) {
      UserPrincipal postgres =
          workDir
              .getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(SERVICE_USER);
      Files.setOwner(workDir, postgres);
    }
    shutdownHook = new Thread(this::stop, "postgres-cluster-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);

    Path data = workDir.resolve("data");
    run(
        "initdb",
        binDir.resolve("initdb").toString(),
        "-D",
        data.toString(),
        "-U",
        SUPERUSER,
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync");

    IOException lastFailure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freeLoopbackPort();
      // Later lines win in postgresql.conf, so a retry simply appends a new port.
      Files.writeString(
          data.resolve("postgresql.conf"),
          String.join(
              "\n",
              "",
              "listen_addresses = '127.0.0.1'",
              "port = " + port,
              "unix_socket_directories = '" + workDir + "'",
              "max_connections = 60",
              "fsync = off",
              "synchronous_commit = off",
              "full_page_writes = off",
              ""),
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      try {
        run(
            "pg_ctl start",
            binDir.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            workDir.resolve("postgres.log").toString(),
            "-w",
            "-t",
            "60",
            "start");
        String base = "jdbc:postgresql://127.0.0.1:" + port + "/";
        try (Connection admin = DriverManager.getConnection(base + "postgres", SUPERUSER, "");
            Statement statement = admin.createStatement()) {
          statement.execute("CREATE DATABASE " + DATABASE);
        }
        jdbcUrl = base + DATABASE;
        username = SUPERUSER;
        password = "";
        return;
      } catch (IOException e) {
        lastFailure = e;
      }
    }
    throw lastFailure;
  }

  private synchronized void stop() {
    if (workDir == null) {
      return;
    }
    try {
      Path data = workDir.resolve("data");
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(
            "pg_ctl stop",
            binDir.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-m",
            "fast",
            "-w",
            "-t",
            "60",
            "stop");
      }
      deleteRecursively(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      workDir = null;
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
          // The hook is running or about to: nothing left to undo.
        }
      }
    }
  }

  /** Runs a PostgreSQL program (as the postgres user when we are root) and waits for it. */
  private void run(String what, String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (asServiceUser) {
      line.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
    }
    line.addAll(List.of(command));
    Path output = Files.createTempFile("guichet-pg-cmd-", ".log");
    try {
      Process process =
          new ProcessBuilder(line)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(what + " did not finish within 120 s: " + String.join(" ", line));
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            what
                + " failed (exit "
                + process.exitValue()
                + "): "
                + String.join(" ", line)
                + "\n"
                + Files.readString(output, StandardCharsets.UTF_8)
                + serverLogTail());
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private String serverLogTail() {
    Path log = workDir.resolve("postgres.log");
    try {
      if (!Files.exists(log)) {
        return "";
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "\n--- postgres.log (end) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "\n(postgres.log unreadable: " + e.getMessage() + ")";
    }
  }

  private static boolean runningAsRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String requireStarted(String value) {
    if (value == null) {
      throw new IllegalStateException(
          "The PostgreSQL database is not ready: register "
              + PostgresCluster.class.getSimpleName()
              + " with @RegisterExtension on a static field.");
    }
    return value;
  }
}
