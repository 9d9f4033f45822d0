package org.cinerec.viz;

import org.cinerec.Progress;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;

/** Small datasets written by hand (known answers) and a seeded synthetic one (pictures). */
public final class Fixtures {
  private Fixtures() {}

  /**
   * 4 users × 5 movies, 10 ratings (m4 unrated):
   * <pre>
   *        m0 Rocky III  m1 Rocky  m2 Heat  m3 Toy Story  m4 Unrated
   *   u1     5.0          4.0       5.0
   *   u2     4.5          2.0       4.5
   *   u3     4.0                              5.0
   *   u4     4.5          3.0
   * </pre>
   * Sums: m0 18 (n 4), m1 9 (n 3), m2 9.5 (n 2), m3 5 (n 1); all 41.5 over 10, mean 4.15. Timestamps:
   * u1 in 2000, u2 in 2001, u3 and u4 in 2003. Genres: m0 Drama|Comedy, m1 Comedy, m2 Drama, m3 Horror,
   * m4 none.
   */
  public static Dataset tiny() {
    int[] user = {0, 0, 0, 1, 1, 1, 2, 2, 3, 3};
    int[] item = {0, 1, 2, 0, 1, 2, 0, 3, 0, 1};
    float[] rating = {5.0f, 4.0f, 5.0f, 4.5f, 2.0f, 4.5f, 4.0f, 5.0f, 4.5f, 3.0f};
    long y2000 = 946_684_800L;
    long y2001 = 978_307_200L;
    long y2003 = 1_041_379_200L;
    long[] seconds = {y2000 + 10, y2000 + 20, y2000 + 30, y2001 + 5, y2001 + 6, y2001 + 7, y2003 + 1, y2003 + 2,
        y2003 + 3, y2003 + 4};
    int[] t = new int[seconds.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = Ratings.packTimestamp(seconds[i]);
    }
    Catalog catalog = Catalog.builder()
        .add("Rocky III (1982)", 1982, new String[] {"Drama", "Comedy"}, null, null)
        .add("Rocky (1976)", 1976, new String[] {"Comedy"}, null, null)
        .add("Heat (1995)", 1995, new String[] {"Drama"}, null, null)
        .add("Toy Story (1995)", 1995, new String[] {"Horror"}, null, null)
        .add("Unrated Movie (2000)", 2000, new String[0], null, null)
        .build();
    Ratings ratings = new Ratings(user, item, rating, t, 4, 5);
    return new Dataset(ratings, IdIndex.of("u1", "u2", "u3", "u4"), IdIndex.of("m0", "m1", "m2", "m3", "m4"),
        catalog, Provenance.of("fixture", 10, "hand-written"));
  }

  /** The same vocabularies with no ratings. */
  public static Dataset empty() {
    Dataset d = tiny();
    return d.withRatings(new Ratings(new int[0], new int[0], new float[0], new int[0], 4, 5));
  }

  /** The synthetic generator's "tiny" preset (50 users, 500 movies, 3,000 ratings), seed 7. */
  public static Dataset synthetic() {
    return SyntheticData.generate(Preset.TINY, 7, Progress.NONE);
  }
}
