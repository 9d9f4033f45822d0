package org.cinerec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.math.Rng;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Recommender#similarities} (the similarity of one movie to a few others, which reasons need) is
 * {@link Recommender#similarItems}'s row at those movies, bit for bit: for ease in both of its forms (which
 * compute only the entries asked) and for families on the default (the whole row), including the movie itself,
 * movies nobody rated, and a movie asked twice.
 */
class SimilaritiesTest {
  static Dataset data;

  @BeforeAll
  static void data() {
    // 60 users, 500 movies: many movies without ratings (ease's inactive items); fewer users than movies
    data = SyntheticData.generate(Preset.TINY.resized("sims", 60, 500, 3_000), 9, Progress.NONE);
  }

  @ParameterizedTest
  @CsvSource({"ease, solver=user-gram", "ease, solver=item-gram", "mf, ''", "itemknn, ''", "als, ''"})
  void aFewEntriesAreTheWholeRowsEntries(String kind, String param) {
    Map<String, String> params = param.isEmpty() ? Map.of() : Map.of(param.split("=")[0], param.split("=")[1]);
    Recommender m = ModelFamilies.trainer(kind, params).fit(data);
    int n = m.items().size();
    Rng rng = new Rng(17);
    float[] row = new float[n];
    for (int item = 0; item < n; item += 37) {
      m.similarItems(item, row);
      int[] others = new int[25];
      for (int t = 0; t < others.length; t++) {
        others[t] = rng.nextInt(n);
      }
      others[3] = item;
      others[7] = others[6];
      float[] out = new float[others.length + 2];
      m.similarities(item, others, out);
      for (int t = 0; t < others.length; t++) {
        assertEquals(Float.floatToIntBits(row[others[t]]), Float.floatToIntBits(out[t]),
            kind + " " + param + ": item " + item + ", other " + others[t]);
      }
    }
  }
}
