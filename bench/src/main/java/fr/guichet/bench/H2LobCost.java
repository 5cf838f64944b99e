package fr.guichet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * What H2 costs per appended hold (three event rows, each with a payload and a metadata blob of
 * ordinary size) with its default LOB handling and with blobs kept in the row, as the platform's
 * URLs now ask ({@code MAX_LENGTH_INPLACE_LOB}). CPU time of the writing thread, after two warm-up
 * rounds of 10,000 transactions. Run: {@code java -Dloader.main=fr.guichet.bench.H2LobCost -cp
 * bench/target/bench.jar org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class H2LobCost {

  private static final int TRANSACTIONS = 10_000;

  private H2LobCost() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("h2-lob-cost");
    for (int run = 0; run < 2; run++) {
      for (String settings : new String[] {"", ";MAX_LENGTH_INPLACE_LOB=16384"}) {
        String url = "jdbc:h2:async:" + dir.resolve("db" + run + settings.length()) + settings;
        double[] perTransaction = measure(url);
        System.out.printf(
            "%-36s CPU %6.1f µs, wall %6.1f µs per transaction of 3 rows%n",
            settings.isEmpty() ? "default (LOBs over 256 B apart)" : "MAX_LENGTH_INPLACE_LOB=16384",
            perTransaction[0],
            perTransaction[1]);
      }
    }
  }

  private static double[] measure(String url) throws SQLException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    byte[] payload = new byte[600];
    byte[] metaData = new byte[350];
    Arrays.fill(payload, (byte) 'p');
    Arrays.fill(metaData, (byte) 'm');
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "create table entry(id bigint primary key, aggregate varchar(64), seq bigint,"
                + " payload blob, meta_data blob, unique(aggregate, seq))");
      }
      c.setAutoCommit(false);
      long id = 0;
      double[] result = new double[2];
      try (PreparedStatement insert = c.prepareStatement("insert into entry values(?,?,?,?,?)")) {
        for (int round = 0; round < 3; round++) {
          long cpu = threads.getCurrentThreadCpuTime();
          long wall = System.nanoTime();
          for (int t = 0; t < TRANSACTIONS; t++) {
            for (int row = 0; row < 3; row++) {
              id++;
              insert.setLong(1, id);
              insert.setString(2, "event-" + (id % 7));
              insert.setLong(3, id);
              insert.setBytes(4, payload);
              insert.setBytes(5, metaData);
              insert.executeUpdate();
            }
            c.commit();
          }
          result[0] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / TRANSACTIONS;
          result[1] = (System.nanoTime() - wall) / 1e3 / TRANSACTIONS;
        }
      }
      return result;
    }
  }
}
