package org.cinerec.model;

import java.io.IOException;
import java.util.Arrays;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Ratings;
import org.cinerec.store.ModelWriter;

/**
 * Which items each user rated in training, as compressed rows (4 bytes a rating plus offsets): what a
 * model file needs so that {@code recommend} can leave out movies the user has already seen without the
 * training data at hand. Models that keep it implement {@link RatedItems} and store it with
 * {@link #write} / {@link #read}.
 *
 * <p>Example: users u0 rated {m3, m1}, u1 nothing, u2 {m0}: {@code offsets = [0, 2, 2, 3]},
 * {@code items = [1, 3, 0]} (each user's items sorted).
 */
public final class TrainingItems {
  private final int[] offsets;
  private final int[] items;

  private TrainingItems(int[] offsets, int[] items) {
    this.offsets = offsets;
    this.items = items;
  }

  /** The distinct items of each user in these ratings. */
  public static TrainingItems of(Ratings ratings) {
    CsrIndex byUser = ratings.byUser();
    int[] pos = byUser.positions();
    int[] item = ratings.items();
    int users = ratings.numUsers();
    int[] offsets = new int[users + 1];
    int[] out = new int[ratings.size()];
    int n = 0;
    for (int u = 0; u < users; u++) {
      int start = n;
      for (int p = byUser.start(u); p < byUser.end(u); p++) {
        out[n++] = item[pos[p]];
      }
      Arrays.sort(out, start, n);
      int w = start;
      for (int r = start; r < n; r++) {
        if (r == start || out[r] != out[r - 1]) {
          out[w++] = out[r];
        }
      }
      n = w;
      offsets[u + 1] = n;
    }
    return new TrainingItems(offsets, Arrays.copyOf(out, n));
  }

  public int numUsers() {
    return offsets.length - 1;
  }

  /** Number of distinct items the user rated (0 for -1 or an out-of-range user). */
  public int count(int user) {
    return user < 0 || user >= numUsers() ? 0 : offsets[user + 1] - offsets[user];
  }

  /** A copy of the user's items, sorted. */
  public int[] items(int user) {
    return count(user) == 0 ? new int[0] : Arrays.copyOfRange(items, offsets[user], offsets[user + 1]);
  }

  /** Whether the user rated the item in training. */
  public boolean contains(int user, int item) {
    return count(user) > 0 && Arrays.binarySearch(items, offsets[user], offsets[user + 1], item) >= 0;
  }

  /**
   * For each of {@code numItems} items, how many users rated it in training (0: the model learned nothing
   * about it). Items at or beyond {@code numItems} are an error.
   */
  public int[] raters(int numItems) {
    int[] counts = new int[numItems];
    for (int i : items) {
      if (i < 0 || i >= numItems) {
        throw new IllegalArgumentException("training item " + i + " is outside the vocabulary of " + numItems);
      }
      counts[i]++;
    }
    return counts;
  }

  /** Excludes each user's training items. */
  public ItemFilter filter() {
    return (user, scores) -> {
      if (count(user) == 0) {
        return;
      }
      for (int p = offsets[user]; p < offsets[user + 1]; p++) {
        scores[items[p]] = Float.NEGATIVE_INFINITY;
      }
    };
  }

  /** Writes two sections, {@code PREFIX.offsets} and {@code PREFIX.items}. */
  public void write(ModelWriter out, String prefix) throws IOException {
    out.putInts(prefix + ".offsets", offsets);
    out.putInts(prefix + ".items", items);
  }

  /** Reads what {@link #write} wrote. */
  public static TrainingItems read(ModelReader in, String prefix) {
    int[] offsets = in.ints(prefix + ".offsets");
    int[] items = in.ints(prefix + ".items");
    if (offsets.length == 0 || offsets[offsets.length - 1] != items.length) {
      throw new IllegalArgumentException("section " + prefix + " is inconsistent: offsets end at "
          + (offsets.length == 0 ? "nothing" : offsets[offsets.length - 1]) + ", " + items.length + " items");
    }
    return new TrainingItems(offsets, items);
  }
}
