package org.cinerec.split;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.cinerec.CinerecException;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.io.AtomicFiles;

/**
 * A split given as two CSV files with a header naming {@code userId} and {@code movieId} columns (and
 * optionally {@code rating}), as {@code peers/split.py} writes them. Each line is matched to the row of
 * the loaded data with that (user id, movie id); train and test keep the files' order, so a trainer
 * sees the rows in the order the peers saw them. A line whose pair is not in the data, a pair listed
 * twice, or a rating that differs from the data's is an error naming the file and line. Rows of the
 * data listed in neither file are in neither part.
 */
public final class FileSplit implements SplitSpec {
  private final Path trainFile;
  private final Path testFile;

  public FileSplit(Path trainFile, Path testFile) {
    this.trainFile = trainFile;
    this.testFile = testFile;
  }

  @Override
  public String spec() {
    return "files:" + trainFile + "," + testFile;
  }

  @Override
  public Split apply(Dataset data) {
    Ratings ratings = data.ratings();
    PairLookup lookup = new PairLookup(ratings);
    int[] listedAt = new int[ratings.size()]; // 0: not yet; +line: train; -line: test
    int[] train = read(trainFile, data, lookup, listedAt, 1);
    int[] test = read(testFile, data, lookup, listedAt, -1);
    return new Split(ratings.select(train), ratings.select(test), spec());
  }

  private int[] read(Path file, Dataset data, PairLookup lookup, int[] listedAt, int sign) {
    IdIndex users = data.users();
    IdIndex items = data.items();
    float[] rating = data.ratings().ratings();
    String name = file.toString();
    int[] rows = new int[1024];
    int count = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new CinerecException(name + ": the file is empty; expected a header with userId,movieId");
      }
      String[] cols = strip(header).split(",", -1);
      int uc = column(cols, "userid");
      int ic = column(cols, "movieid");
      int rc = column(cols, "rating");
      if (uc < 0 || ic < 0) {
        throw new CinerecException(name + ":1: header \"" + strip(header)
            + "\" has no userId and movieId columns; expected userId,movieId,rating,timestamp as split.py writes");
      }
      int need = Math.max(uc, Math.max(ic, rc)) + 1;
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        line = strip(line);
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length < need) {
          throw new CinerecException(name + ":" + lineNo + ": " + f.length + " fields, expected at least " + need);
        }
        int u = users.indexOf(f[uc]);
        int i = items.indexOf(f[ic]);
        int row = u < 0 || i < 0 ? -1 : lookup.find(u, i);
        if (row < 0) {
          throw new CinerecException(name + ":" + lineNo + ": user " + f[uc] + ", movie " + f[ic]
              + " is not a rating of the loaded data (" + (u < 0 ? "unknown user" : i < 0 ? "unknown movie"
              : "no such rating") + "); the split files must come from the same data");
        }
        if (listedAt[row] != 0) {
          int prev = listedAt[row];
          throw new CinerecException(name + ":" + lineNo + ": user " + f[uc] + ", movie " + f[ic]
              + " is listed twice (first at " + (prev > 0 ? trainFile : testFile) + ":" + Math.abs(prev) + ")");
        }
        if (rc >= 0) {
          float r = parseRating(f[rc], name, lineNo);
          if (r != rating[row]) {
            throw new CinerecException(name + ":" + lineNo + ": rating " + f[rc] + " for user " + f[uc] + ", movie "
                + f[ic] + " but the loaded data has " + rating[row] + "; the split files must come from the same data");
          }
        }
        listedAt[row] = sign * lineNo;
        if (count == rows.length) {
          rows = Arrays.copyOf(rows, count * 2);
        }
        rows[count++] = row;
      }
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read the split file: " + AtomicFiles.describe(e), e);
    }
    return Arrays.copyOf(rows, count);
  }

  private static float parseRating(String text, String name, int lineNo) {
    try {
      return Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new CinerecException(name + ":" + lineNo + ": rating \"" + text + "\" is not a number");
    }
  }

  private static String strip(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == ' ')) {
      end--;
    }
    int start = line.startsWith("\uFEFF") ? 1 : 0;
    return line.substring(start, end);
  }

  private static int column(String[] cols, String wanted) {
    for (int c = 0; c < cols.length; c++) {
      if (cols[c].strip().replace("\"", "").toLowerCase(Locale.ROOT).equals(wanted)) {
        return c;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return spec();
  }

  /** Row of a (user, item) pair: each user's rows sorted by item, then binary search (4 bytes a row). */
  static final class PairLookup {
    private final CsrIndex byUser;
    private final int[] sorted;
    private final int[] item;

    PairLookup(Ratings ratings) {
      this.byUser = ratings.byUser();
      this.item = ratings.items();
      int n = ratings.size();
      int[] pos = byUser.positions();
      this.sorted = new int[n];
      long[] scratch = new long[16];
      for (int u = 0; u < byUser.numKeys(); u++) {
        int s = byUser.start(u);
        int c = byUser.count(u);
        if (scratch.length < c) {
          scratch = new long[Math.max(c, 2 * scratch.length)];
        }
        for (int j = 0; j < c; j++) {
          int p = pos[s + j];
          scratch[j] = ((long) item[p] << 32) | p;
        }
        Arrays.sort(scratch, 0, c);
        for (int j = 0; j < c; j++) {
          sorted[s + j] = (int) scratch[j];
        }
      }
    }

    /** The first row with this user and item, or -1. */
    int find(int u, int i) {
      int lo = byUser.start(u);
      int hi = byUser.end(u) - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int v = item[sorted[mid]];
        if (v < i) {
          lo = mid + 1;
        } else if (v > i) {
          hi = mid - 1;
        } else {
          while (mid > byUser.start(u) && item[sorted[mid - 1]] == i) {
            mid--;
          }
          return sorted[mid];
        }
      }
      return -1;
    }
  }
}
