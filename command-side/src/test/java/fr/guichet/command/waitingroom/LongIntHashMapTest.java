package fr.guichet.command.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIntHashMapTest {

  @Test
  void behaves_like_a_hash_map_under_random_puts_and_removes() {
    LongIntHashMap map = new LongIntHashMap(4);
    Map<Long, Integer> reference = new HashMap<>();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      long key = 1 + random.nextInt(5_000);
      if (random.nextInt(3) == 0) {
        map.remove(key);
        reference.remove(key);
      } else {
        map.put(key, i);
        reference.put(key, i);
      }
    }
    assertThat(map.size()).isEqualTo(reference.size());
    for (long key = 1; key <= 5_000; key++) {
      assertThat(map.get(key)).isEqualTo(reference.getOrDefault(key, LongIntHashMap.MISSING));
    }
  }
}
