package org.cinerec.prep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.data.UserAttributes;

/**
 * Turns raw rows and a catalogue into a {@link Dataset}, in O(rows):
 * <ol>
 *   <li>Ids are matched by {@link IdIndex#key(String)}: an all-digit id is a number, so a catalogue's
 *   {@code "0770828"} and the ratings' {@code "770828"} are one movie; the catalogue's spelling is kept.</li>
 *   <li>Items: every catalogue movie in file order (only those with metadata when
 *   {@code requireMetadata}), then each rated movie missing from the catalogue in order of first
 *   appearance, with a placeholder title (counted as changed, {@link Reasons#NO_METADATA}); with
 *   {@code requireMetadata} such ratings are dropped instead.</li>
 *   <li>Users: those with kept ratings, in order of first appearance; a users file's attributes are attached
 *   to them ({@link UserTable#attach}).</li>
 *   <li>Duplicates: the same user and movie again; the rating with the latest timestamp is kept (on a tie
 *   the later row), the others dropped ({@link Reasons#DUPLICATE}).</li>
 * </ol>
 * Kept rows stay in file order. The raw columns are reused in place (no second copy of the data).
 */
public final class DatasetAssembler {
  private DatasetAssembler() {}

  /**
   * Assembles the dataset. {@code movies} null means no catalogue was given: every rated movie is a
   * placeholder and nothing is counted as missing metadata.
   */
  public static Dataset assemble(RatingColumns raw, MovieTable movies, boolean requireMetadata, String format,
      List<Provenance.SourceFile> sources, String ratingsName, PrepReport report) {
    return assemble(raw, movies, requireMetadata, format, sources, ratingsName, report, null);
  }

  /**
   * As above, on a scale: the one the format defines or the user gave (the readers have already dropped
   * the rows off it), or null to read it off the kept ratings ({@link RatingScale#infer}).
   */
  public static Dataset assemble(RatingColumns raw, MovieTable movies, boolean requireMetadata, String format,
      List<Provenance.SourceFile> sources, String ratingsName, PrepReport report, RatingScale scale) {
    return assemble(raw, movies, null, requireMetadata, format, sources, ratingsName, report, scale);
  }

  /**
   * As above, with a users file ({@code users}, null: none) attached to the users with kept ratings
   * ({@link UserTable#attach}: its users without ratings are skipped and counted, rated users it does not list
   * get unknown attributes).
   */
  public static Dataset assemble(RatingColumns raw, MovieTable movies, UserTable users, boolean requireMetadata,
      String format, List<Provenance.SourceFile> sources, String ratingsName, PrepReport report, RatingScale scale) {
    if (requireMetadata && movies == null) {
      throw CinerecException.usage("--require-metadata needs a movie catalogue, but " + ratingsName
          + " comes without one (give the folder with movies.csv or movies_metadata.csv)");
    }
    int n = raw.size;
    List<String> itemIds = new ArrayList<>();
    Map<String, Integer> itemIndex = new HashMap<>();
    Catalog.Builder catalog = Catalog.builder();
    List<Boolean> hasMeta = new ArrayList<>();
    if (movies != null) {
      for (MovieTable.Movie m : movies.movies()) {
        if (requireMetadata && !m.hasMetadata()) {
          continue;
        }
        itemIndex.put(IdIndex.key(m.id()), itemIds.size());
        itemIds.add(m.id());
        if (m.hasMetadata()) {
          catalog.add(m.title(), m.year(), m.genres(), m.imdbId(), m.tmdbId(), m.details());
        } else {
          catalog.addPlaceholder(m.id());
        }
        hasMeta.add(m.hasMetadata());
      }
    }
    // raw item code -> dense index (or -1 unknown, -2 dropped)
    int[] itemCodes = codeTable(raw.item, n, raw.itemNames());
    int[] itemDense = new int[itemCodes.length];
    Arrays.fill(itemDense, Integer.MIN_VALUE);
    boolean[] slotNoMeta = new boolean[itemCodes.length];
    int[] user = raw.user;
    int[] item = raw.item;
    float[] rating = raw.rating;
    int[] time = raw.time;
    long noMeta = 0;
    int kept = 0;
    int[] origin = null; // kept row -> raw row, once a row has been dropped
    for (int row = 0; row < n; row++) {
      int code = item[row];
      int slot = slot(itemCodes, code, raw.itemNames() != null);
      int dense = itemDense[slot];
      if (dense == Integer.MIN_VALUE) {
        String ext = raw.itemId(code);
        Integer known = itemIndex.get(IdIndex.key(ext));
        if (known != null) {
          dense = known;
        } else if (requireMetadata) {
          dense = -2;
        } else {
          dense = itemIds.size();
          itemIndex.put(IdIndex.key(ext), dense);
          itemIds.add(ext);
          catalog.addPlaceholder(ext);
          hasMeta.add(movies == null);
        }
        itemDense[slot] = dense;
        slotNoMeta[slot] = dense >= 0 && !hasMeta.get(dense);
      }
      if (dense == -2) {
        report.drop(Reasons.NO_METADATA, report.wantsExample(Reasons.NO_METADATA)
            ? where(raw, row, ratingsName) + ": movie " + raw.itemId(code) + " has no metadata record" : null, 1);
        if (origin == null) {
          origin = new int[n];
          for (int k = 0; k < kept; k++) {
            origin[k] = k;
          }
        }
        continue;
      }
      if (slotNoMeta[slot]) {
        if (noMeta < PrepReport.EXAMPLES) {
          report.example(Reasons.NO_METADATA, where(raw, row, ratingsName) + ": movie " + raw.itemId(code)
              + " has no metadata record; kept with the placeholder title \"movie " + raw.itemId(code) + "\"");
        }
        noMeta++;
      }
      if (origin != null) {
        origin[kept] = row;
      }
      user[kept] = user[row];
      item[kept] = dense;
      rating[kept] = rating[row];
      time[kept] = time[row];
      kept++;
    }
    if (noMeta > 0) {
      report.change(Reasons.NO_METADATA, null, noMeta);
    }
    // users: first appearance among kept rows
    int[] userCodes = codeTable(user, kept, raw.userNames());
    int[] userDense = new int[userCodes.length];
    Arrays.fill(userDense, -1);
    List<String> userIds = new ArrayList<>();
    // named users: two spellings of one number ("007", "7") are one user; numeric codes are canonical already
    Map<String, Integer> userByKey = raw.userNames() != null ? new HashMap<>() : null;
    for (int row = 0; row < kept; row++) {
      int slot = slot(userCodes, user[row], raw.userNames() != null);
      int d = userDense[slot];
      if (d < 0) {
        String ext = raw.userId(user[row]);
        Integer same = userByKey == null ? null : userByKey.putIfAbsent(IdIndex.key(ext), userIds.size());
        if (same != null) {
          d = same;
        } else {
          d = userIds.size();
          userIds.add(ext);
        }
        userDense[slot] = d;
      }
      user[row] = d;
    }
    int numUsers = userIds.size();
    int numItems = itemIds.size();
    if (kept == 0) {
      throw report.noRatings(ratingsName);
    }
    kept = dropDuplicates(user, item, rating, time, kept, numUsers, numItems, userIds, itemIds, ratingsName, report,
        raw, origin);
    Ratings ratings = new Ratings(Arrays.copyOf(user, kept), Arrays.copyOf(item, kept), Arrays.copyOf(rating, kept),
        Arrays.copyOf(time, kept), numUsers, numItems);
    IdIndex userIndex = IdIndex.of(userIds);
    UserAttributes attributes = users == null ? UserAttributes.none(numUsers) : users.attach(userIndex, report);
    Provenance provenance = report.toProvenance(format, sources, kept);
    RatingScale onScale = scale != null ? scale : RatingScale.infer(ratings);
    return new Dataset(ratings, userIndex, IdIndex.of(itemIds), catalog.build(), provenance, onScale, attributes);
  }

  /** "file:line" of a raw row, or the file name when lines are unknown. */
  private static String where(RatingColumns raw, int row, String name) {
    String w = raw.where(row);
    return w.startsWith("row ") ? name : w;
  }


  /**
   * For numeric codes: a sorted-free direct table when the largest code is small, else a sorted array of
   * distinct codes searched by binary search. For named codes (0..names-1): identity.
   */
  private static int[] codeTable(int[] codes, int n, String[] names) {
    if (names != null) {
      return new int[names.length];
    }
    int max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, codes[i]);
    }
    if (max < 64_000_000) {
      return new int[max + 1];
    }
    int[] sorted = Arrays.copyOf(codes, n);
    Arrays.sort(sorted);
    int d = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[d++] = sorted[i];
      }
    }
    int[] distinct = Arrays.copyOf(sorted, d);
    // mark as "search" table by a negative-length convention: store distinct codes with a sentinel
    int[] table = new int[d + 1];
    table[0] = Integer.MIN_VALUE;
    System.arraycopy(distinct, 0, table, 1, d);
    return table;
  }

  private static int slot(int[] table, int code, boolean named) {
    if (named || table.length == 0 || table[0] != Integer.MIN_VALUE || code == Integer.MIN_VALUE) {
      return code;
    }
    return Arrays.binarySearch(table, 1, table.length, code);
  }

  /**
   * The duplicate rule: of two ratings of one movie by one user, the later row (packed timestamp
   * {@code laterTime}) is kept unless the earlier row's timestamp is strictly later. Shared with the Spark
   * jobs, which order by (timestamp, row) descending to the same effect.
   */
  public static boolean keepsLater(int laterTime, int earlierTime) {
    return Integer.compareUnsigned(laterTime, earlierTime) >= 0;
  }

  /**
   * The example of a dropped duplicate: "file:line: user U rated movie M more than once; kept the latest,
   * line L (rating R, timestamp T)" ({@code winnerLine} 0 or less when unknown; "no timestamp" for a row without one,
   * where the latest is the one further down the file).
   */
  public static String duplicateExample(String loserWhere, String user, String movie, long winnerLine,
      float winnerRating, int winnerPackedTime) {
    return loserWhere + ": user " + user + " rated movie " + movie + " more than once; kept the latest"
        + (winnerLine > 0 ? ", line " + winnerLine : "") + " (rating " + winnerRating + ", "
        + (winnerPackedTime == 0 ? "no timestamp" : "timestamp " + Integer.toUnsignedString(winnerPackedTime)) + ")";
  }

  /** Drops repeated (user, item) pairs keeping the latest timestamp; returns the new row count. */
  private static int dropDuplicates(int[] user, int[] item, float[] rating, int[] time, int n, int numUsers,
      int numItems, List<String> userIds, List<String> itemIds, String name, PrepReport report, RatingColumns raw,
      int[] origin) {
    int[] lastRow = new int[numItems];
    int[] lastUser = new int[numItems];
    Arrays.fill(lastUser, -1);
    boolean[] drop = null;
    // users were numbered by first appearance, so rows grouped by user (as MovieLens files are) have
    // non-decreasing user indices: then one scan in file order finds every repeat, else group through CSR
    boolean grouped = true;
    for (int row = 1; row < n && grouped; row++) {
      grouped = user[row] >= user[row - 1];
    }
    int[] pos;
    int[] offsets;
    if (grouped) {
      pos = null;
      offsets = null;
    } else {
      CsrIndex byUser = CsrIndex.build(n == user.length ? user : Arrays.copyOf(user, n), numUsers);
      pos = byUser.positions();
      offsets = byUser.offsets();
    }
    for (int g = 0; g < (grouped ? 1 : numUsers); g++) {
      int from = grouped ? 0 : offsets[g];
      int to = grouped ? n : offsets[g + 1];
      for (int k = from; k < to; k++) {
        int row = grouped ? k : pos[k];
        int u = user[row];
        int it = item[row];
        if (lastUser[it] != u) {
          lastUser[it] = u;
          lastRow[it] = row;
          continue;
        }
        int prev = lastRow[it];
        if (drop == null) {
          drop = new boolean[n];
        }
        boolean keepNew = keepsLater(time[row], time[prev]);
        drop[keepNew ? prev : row] = true;
        if (keepNew) {
          lastRow[it] = row;
        }
        if (report.wantsExample(Reasons.DUPLICATE)) {
          int loser = keepNew ? prev : row;
          int winner = keepNew ? row : prev;
          int rawLoser = origin == null ? loser : origin[loser];
          int rawWinner = origin == null ? winner : origin[winner];
          long winnerLine = raw.line(rawWinner);
          report.drop(Reasons.DUPLICATE, duplicateExample(where(raw, rawLoser, name), userIds.get(u), itemIds.get(it),
              winnerLine, rating[winner], time[winner]), 1);
        } else {
          report.drop(Reasons.DUPLICATE, null, 1);
        }
      }
    }
    if (drop == null) {
      return n;
    }
    int kept = 0;
    for (int row = 0; row < n; row++) {
      if (!drop[row]) {
        user[kept] = user[row];
        item[kept] = item[row];
        rating[kept] = rating[row];
        time[kept] = time[row];
        kept++;
      }
    }
    return kept;
  }
}
