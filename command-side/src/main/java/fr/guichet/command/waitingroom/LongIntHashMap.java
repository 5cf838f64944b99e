package fr.guichet.command.waitingroom;

/**
 * An open-addressing map from non-zero {@code long} keys to {@code int} values in two primitive
 * arrays (linear probing, backward-shift deletion): 12 bytes per slot, no object per entry. The
 * table doubles when it is half full, so it uses 24 to 48 bytes per entry.
 */
final class LongIntHashMap {

  static final int MISSING = -1;
  private static final long EMPTY = 0L;

  private long[] keys;
  private int[] values;
  private int size;
  private int mask;

  LongIntHashMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  long footprintBytes() {
    return 8L * keys.length + 4L * values.length;
  }

  int get(long key) {
    requireKey(key);
    for (int i = index(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return MISSING;
      }
    }
  }

  void put(long key, int value) {
    requireKey(key);
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    for (int i = index(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        values[i] = value;
        return;
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        size++;
        return;
      }
    }
  }

  void remove(long key) {
    requireKey(key);
    int i = index(key);
    while (keys[i] != key) {
      if (keys[i] == EMPTY) {
        return;
      }
      i = (i + 1) & mask;
    }
    size--;
    // Backward-shift deletion: pull later entries of the probe run into the hole.
    int hole = i;
    for (int j = (hole + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
      int home = index(keys[j]);
      boolean movable = ((j - home) & mask) >= ((j - hole) & mask);
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    values[hole] = 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldValues.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private int index(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private static void requireKey(long key) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("0 is not a valid key");
    }
  }
}
