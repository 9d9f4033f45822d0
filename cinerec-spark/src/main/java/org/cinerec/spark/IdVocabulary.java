package org.cinerec.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cinerec.split.HashSplit;

/**
 * The id vocabulary of one side (users or movies) of prepared ratings whose ids are text (a generic CSV or
 * a store with ids that are not all numbers; {@code prepare} writes them as a {@code string} column, each id
 * spelled once as the core's vocabularies hold it): the distinct ids in ascending {@link String} order, the
 * id at index {@code n} being MLlib's integer id {@code n}. Computed on read from the Parquet (distinct in
 * the cluster, sorted on the driver), so {@code train-als}, {@code evaluate}, {@code recommend-all} and
 * {@code export} of the same data agree without a file of their own; {@code export} writes the ids
 * themselves into the model file. {@link #hashes} are the ids' {@link HashSplit#idHash(String)}, so a
 * {@code hash:F:SEED} split cuts the rows the core cuts from the text ids.
 *
 * <p>Example: user ids {@code b, a, 007, b} → {@code ids = [007, a, b]}, rows become 2, 1, 0, 2.
 *
 * <p>The driver holds the ids (about 60 bytes an id: 10 million users are 0.6 GB); the executors get the
 * ids and hashes by broadcast.
 */
final class IdVocabulary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] ids;
  private final long[] hashes;

  private IdVocabulary(String[] ids) {
    this.ids = ids;
    this.hashes = new long[ids.length];
    for (int n = 0; n < ids.length; n++) {
      hashes[n] = HashSplit.idHash(ids[n]);
    }
  }

  /** The vocabulary of the string column {@code column} of {@code ratings} (nulls are not ids). */
  static IdVocabulary of(Dataset<Row> ratings, String column) {
    List<Row> rows = ratings.select(column).na().drop().distinct().collectAsList();
    String[] ids = new String[rows.size()];
    for (int n = 0; n < ids.length; n++) {
      ids[n] = rows.get(n).getString(0);
    }
    Arrays.sort(ids);
    return new IdVocabulary(ids);
  }

  /** The ids by index (not a copy: do not change it). */
  String[] ids() {
    return ids;
  }

  int size() {
    return ids.length;
  }

  /** The index of {@code id}, or -1 when it is not in the vocabulary. */
  int index(String id) {
    int at = Arrays.binarySearch(ids, id);
    return at < 0 ? -1 : at;
  }

  /** The id at {@code index}. */
  String id(int index) {
    return ids[index];
  }

  /** The split hash of the id at {@code index}. */
  long hash(int index) {
    return hashes[index];
  }
}
