import fr.guichet.command.waitingroom.WaitingQueue;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * How much heap one queued visitor costs, and how fast positions are served from memory.
 *
 * <p>Run from the repository root after compiling the command side:
 *
 * <pre>
 * mvn -B -q -o -pl command-side -am compile
 * java -Xms1g -Xmx1g -XX:+UseSerialGC -cp command-side/target/classes \
 *   bench/waitingroom/WaitingQueueMemoryBench.java 1000000
 * </pre>
 */
public class WaitingQueueMemoryBench {

  public static void main(String[] args) {
    int visitors = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int preQueue = visitors / 2;
    SplittableRandom random = new SplittableRandom(2026);
    long[] keys = new long[visitors];
    for (int i = 0; i < visitors; i++) {
      long key = random.nextLong();
      keys[i] = key == 0 ? 1 : key;
    }

    // A first build warms up the JIT and lets the launcher's own garbage go before measuring.
    fill(keys, preQueue, random.nextLong());
    long before = usedHeap();
    long start = System.nanoTime();
    WaitingQueue queue = fill(keys, preQueue, random.nextLong());
    long joinNanos = System.nanoTime() - start;
    long after = usedHeap();

    // Position lookups, random visitors, after warm-up.
    long sink = 0;
    for (int i = 0; i < 2_000_000; i++) {
      sink += queue.standing(keys[random.nextInt(visitors)]).position();
    }
    int lookups = 5_000_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < lookups; i++) {
      sink += queue.standing(keys[random.nextInt(visitors)]).position();
    }
    long lookupNanos = System.nanoTime() - t0;

    long t1 = System.nanoTime();
    int admitted = queue.admit(visitors / 10, 1_002, 120, k -> {}, k -> {});
    long admitNanos = System.nanoTime() - t1;

    long bytes = after - before;
    System.out.printf("java %s, %s%n", System.getProperty("java.version"), gcName());
    System.out.printf("visitors queued            %,d (pre-queue %,d)%n", queue.waiting() + admitted, preQueue);
    System.out.printf("heap retained by the queue %,d bytes = %.1f MiB%n", bytes, bytes / 1048576.0);
    System.out.printf("bytes per visitor          %.1f (measured heap delta)%n", (double) bytes / visitors);
    System.out.printf("bytes per visitor          %.1f (array sizes: slots + hash index)%n", (double) queue.footprintBytes() / visitors);
    System.out.printf("join                       %.0f ns/visitor%n", (double) joinNanos / visitors);
    System.out.printf("position lookup            %.0f ns/lookup (%d lookups)%n", (double) lookupNanos / lookups, lookups);
    System.out.printf("admit %,d                  %.1f ms%n", admitted, admitNanos / 1e6);
    System.out.println("(checksum " + sink + ")");
    if (queue.waiting() < 0) {
      System.out.println(queue);
    }
  }

  /** Starts small on purpose: the arrays grow as visitors arrive, as on a real onsale. */
  private static WaitingQueue fill(long[] keys, int preQueue, long seed) {
    WaitingQueue queue = new WaitingQueue(1024);
    for (int i = 0; i < preQueue; i++) {
      queue.join(keys[i], 1_000, 900);
    }
    queue.open(seed);
    for (int i = preQueue; i < keys.length; i++) {
      queue.join(keys[i], 1_001, 900);
    }
    return queue;
  }

  private static long usedHeap() {
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static String gcName() {
    return ManagementFactory.getGarbageCollectorMXBeans().get(0).getName();
  }
}
