package org.cinerec.split;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
    IdLookup users = new IdLookup(data.users());
    IdLookup items = new IdLookup(data.items());
    float[] rating = data.ratings().ratings();
    String name = file.toString();
    int[] rows = new int[1024];
    int count = 0;
    try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8), 1 << 16)) {
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
      int[] starts = new int[need + 1]; // field f is line[starts[f], starts[f + 1] - 1)
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        int len = line.length();
        while (len > 0 && (line.charAt(len - 1) == '\r' || line.charAt(len - 1) == ' ')) {
          len--;
        }
        if (len == 0) {
          continue;
        }
        int fields = 1;
        if (line.indexOf('"') >= 0) { // quoted fields (ids holding commas, as split writes them): unquoted
          List<String> parts = quotedFields(line.substring(0, len));
          StringBuilder flat = new StringBuilder(len);
          int kept = Math.min(parts.size(), need);
          for (int f = 0; f < kept; f++) {
            starts[f] = flat.length();
            flat.append(parts.get(f)).append(',');
          }
          starts[kept] = flat.length();
          fields = Math.min(parts.size(), need + 1);
          line = flat.toString();
        } else {
          starts[0] = 0;
          for (int k = 0; k < len && fields <= need; k++) {
            if (line.charAt(k) == ',') {
              starts[fields++] = k + 1;
            }
          }
          if (fields <= need) {
            starts[fields] = len + 1;
          }
        }
        if (fields < need) {
          throw new CinerecException(name + ":" + lineNo + ": " + fields + " fields, expected at least " + need);
        }
        int u = users.find(line, starts[uc], starts[uc + 1] - 1);
        int i = items.find(line, starts[ic], starts[ic + 1] - 1);
        int row = u < 0 || i < 0 ? -1 : lookup.find(u, i);
        if (row < 0 || listedAt[row] != 0) {
          String user = line.substring(starts[uc], starts[uc + 1] - 1);
          String movie = line.substring(starts[ic], starts[ic + 1] - 1);
          if (row < 0) {
            throw new CinerecException(name + ":" + lineNo + ": user " + user + ", movie " + movie
                + " is not a rating of the loaded data (" + (u < 0 ? "unknown user" : i < 0 ? "unknown movie"
                : "no such rating") + "); the split files must come from the same data");
          }
          int prev = listedAt[row];
          throw new CinerecException(name + ":" + lineNo + ": user " + user + ", movie " + movie
              + " is listed twice (first at " + (prev > 0 ? trainFile : testFile) + ":" + Math.abs(prev) + ")");
        }
        if (rc >= 0) {
          String text = line.substring(starts[rc], starts[rc + 1] - 1);
          float r = parseRating(text, name, lineNo);
          if (r != rating[row]) {
            throw new CinerecException(name + ":" + lineNo + ": rating " + text + " for user "
                + line.substring(starts[uc], starts[uc + 1] - 1) + ", movie " + line.substring(starts[ic], starts[ic + 1] - 1)
                + " but the loaded data has " + rating[row] + "; the split files must come from the same data");
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

  /** The fields of one line with quotes (RFC 4180, as FastCSV reads every CSV here). */
  private static List<String> quotedFields(String line) {
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(line)) {
      return reader.stream().findFirst().map(CsvRecord::getFields).orElse(List.of(""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a String never fails to read
    }
  }

  private static float parseRating(String text, String name, int lineNo) {
    int n = text.length();
    if (n == 3 && text.charAt(1) == '.' && isDigit(text.charAt(0)) && (text.charAt(2) == '0' || text.charAt(2) == '5')) {
      return (text.charAt(0) - '0') + (text.charAt(2) == '5' ? 0.5f : 0f); // "4.0", "3.5": exact
    }
    if (n == 1 && isDigit(text.charAt(0))) {
      return text.charAt(0) - '0';
    }
    try {
      return Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new CinerecException(name + ":" + lineNo + ": rating \"" + text + "\" is not a number");
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
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

  /**
   * Row of a (user, item) pair: each user's items sorted, with their rows alongside, then a binary search
   * over the user's contiguous run of item numbers (8 bytes a rating; no pointer chasing in the search).
   */
  static final class PairLookup {
    private final int[] offsets;
    private final int[] sortedItems;
    private final int[] sortedRows;

    PairLookup(Ratings ratings) {
      CsrIndex byUser = ratings.byUser();
      int[] item = ratings.items();
      int n = ratings.size();
      int[] pos = byUser.positions();
      this.offsets = byUser.offsets();
      this.sortedItems = new int[n];
      this.sortedRows = new int[n];
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
          sortedItems[s + j] = (int) (scratch[j] >>> 32);
          sortedRows[s + j] = (int) scratch[j];
        }
      }
    }

    /** The first row with this user and item, or -1. */
    int find(int u, int i) {
      int from = offsets[u];
      int k = Arrays.binarySearch(sortedItems, from, offsets[u + 1], i);
      if (k < 0) {
        return -1;
      }
      while (k > from && sortedItems[k - 1] == i) {
        k--;
      }
      return sortedRows[k];
    }
  }
}
