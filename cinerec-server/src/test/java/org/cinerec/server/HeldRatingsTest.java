package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.cinerec.server.store.StoredRating;
import org.cinerec.server.store.StoredRating.Origin;
import org.junit.jupiter.api.Test;

class HeldRatingsTest {

  /** Random puts and deletes agree with a sorted map of records, and never change an earlier value. */
  @Test
  void writesAgreeWithASortedMap() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int run = 0; run < 50; run++) {
      TreeMap<String, StoredRating> want = new TreeMap<>();
      HeldRatings held = HeldRatings.of("u1", List.of(), s -> s);
      for (int step = 0; step < 60; step++) {
        String movie = Integer.toString(rng.nextInt(25));
        HeldRatings before = held;
        List<StoredRating> beforeRows = before.toList();
        if (rng.nextInt(3) == 0) {
          want.remove(movie);
          held = held.without(movie);
        } else {
          StoredRating r = new StoredRating("u1", movie, 0.5f * (1 + rng.nextInt(10)), rng.nextLong(1L << 40),
              rng.nextBoolean() ? Origin.API : Origin.DATASET);
          want.put(movie, r);
          held = held.with(r);
        }
        assertEquals(new ArrayList<>(want.values()), held.toList());
        assertEquals(beforeRows, before.toList(), "a write must leave the earlier columns as they were");
      }
    }
  }

  /** Rows from a database whose collation orders ids otherwise are put in Java's order; ids are shared. */
  @Test
  void sortsRowsAndSharesIds() {
    String shared = "10";
    List<StoredRating> rows = List.of(
        new StoredRating("u", "b", 4f, 3, Origin.DATASET),
        new StoredRating("u", "A", 3f, 2, Origin.API),
        new StoredRating("u", new String("10"), 5f, 1, Origin.DATASET));
    HeldRatings held = HeldRatings.of("u", rows, s -> s.equals("10") ? shared : s);
    assertEquals(List.of("10", "A", "b"), held.toList().stream().map(StoredRating::movieId).toList());
    assertSame(shared, held.movie(0));
    assertEquals(Origin.API, held.origin(1));
    assertEquals(3f, held.rating(1));
    assertSame(held, held.without("zz"));
  }
}
