package fr.guichet.standalone.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Guichet service in its own JVM, started from the test's classpath: what a node of the
 * multi-node mode is, so that it can really crash ({@link #kill()} sends SIGKILL).
 */
public final class NodeProcess implements AutoCloseable {

  private static final Pattern STARTED_ON = Pattern.compile("started on port (\\d+)");

  private final String name;
  private final Process process;
  private final Path log;
  private volatile int port;

  private NodeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} with {@code args} on a port the node picks itself ({@code
   * --server.port=0}; taking a free port beforehand raced with other processes on a busy machine).
   */
  public static NodeProcess start(String name, String mainClass, Path logDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Daxoniq.update-checker.disabled=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    command.add("--server.port=0");
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new NodeProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  public String baseUrl() {
    if (port == 0) {
      throw new IllegalStateException(name + " has not started its web server yet");
    }
    return "http://127.0.0.1:" + port;
  }

  private int portFromLog() {
    for (String line : logLines()) {
      Matcher started = STARTED_ON.matcher(line);
      if (started.find()) {
        return Integer.parseInt(started.group(1));
      }
    }
    return 0;
  }

  public String name() {
    return name;
  }

  /** Waits until the node's readiness probe says UP; fails with the end of its log otherwise. */
  public NodeProcess awaitReady(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited early:\n" + tail());
      }
      if (port == 0) {
        port = portFromLog();
        if (port == 0) {
          sleep(500);
          continue;
        }
      }
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(500);
    }
    throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail());
  }

  /** SIGKILL: no shutdown hook, no graceful stop, in-flight work lost as in a crash. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every line the node has written to its console so far. */
  public List<String> logLines() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
