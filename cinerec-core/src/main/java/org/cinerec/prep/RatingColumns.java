package org.cinerec.prep;

import java.util.Arrays;

/**
 * Raw rating rows as read, before preparation: growable primitive columns of external user and movie
 * ids, ratings and unsigned timestamp seconds. Numeric ids are stored as themselves; a reader of
 * string ids stores a code and gives the names ({@link #userNames()}, {@link #itemNames()}).
 */
public final class RatingColumns {
  int[] user;
  int[] item;
  float[] rating;
  int[] time;
  int size;
  private String[] userNames;
  private String[] itemNames;
  // where rows came from, for examples: file name plus either explicit line numbers or the first data
  // line and, for each line that gave no row, the number of rows before it (sorted)
  private String source;
  private long firstLine = -1;
  private long[] skipped;
  private int[] lines;
  // rows read from several files in turn: each file's first row and its line map (as above), in row order
  private java.util.List<FileLines> files;

  private record FileLines(int firstRow, String source, long firstLine, long[] skipped) {}

  public RatingColumns(int capacity) {
    int c = Math.max(16, capacity);
    user = new int[c];
    item = new int[c];
    rating = new float[c];
    time = new int[c];
  }

  /** Appends one row. */
  public void add(int u, int i, float r, int t) {
    if (size == user.length) {
      grow(size + 1);
    }
    user[size] = u;
    item[size] = i;
    rating[size] = r;
    time[size] = t;
    size++;
  }

  void grow(int min) {
    int c = Math.max(min, user.length + (user.length >> 1));
    user = Arrays.copyOf(user, c);
    item = Arrays.copyOf(item, c);
    rating = Arrays.copyOf(rating, c);
    time = Arrays.copyOf(time, c);
  }

  /** Concatenates parts in order (their names must be null: numeric ids). */
  public static RatingColumns concat(RatingColumns[] parts) {
    long total = 0;
    for (RatingColumns p : parts) {
      total += p.size;
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new org.cinerec.CinerecException("too many ratings for one dataset: " + total
          + " (at most " + (Integer.MAX_VALUE - 16) + "); split the file");
    }
    if (parts.length == 1) {
      return parts[0];
    }
    RatingColumns out = new RatingColumns((int) total);
    for (RatingColumns p : parts) {
      System.arraycopy(p.user, 0, out.user, out.size, p.size);
      System.arraycopy(p.item, 0, out.item, out.size, p.size);
      System.arraycopy(p.rating, 0, out.rating, out.size, p.size);
      System.arraycopy(p.time, 0, out.time, out.size, p.size);
      out.size += p.size;
    }
    return out;
  }

  public int size() {
    return size;
  }

  public int user(int row) {
    return user[row];
  }

  public int item(int row) {
    return item[row];
  }

  public float rating(int row) {
    return rating[row];
  }

  public int packedTime(int row) {
    return time[row];
  }

  /** Names of user codes, or null when user ids are the numbers themselves. */
  public String[] userNames() {
    return userNames;
  }

  /** Names of item codes, or null when item ids are the numbers themselves. */
  public String[] itemNames() {
    return itemNames;
  }

  /** Sets the code → name tables of a reader with string ids. */
  public void names(String[] users, String[] items) {
    this.userNames = users;
    this.itemNames = items;
  }

  /**
   * Records where rows came from when rows are consecutive lines except for a few skipped ones:
   * row {@code r} is on line {@code firstLine + r + (number of skipped entries <= r)}.
   */
  public void lineMap(String file, long first, long[] skippedRowsBefore) {
    this.source = file;
    this.firstLine = first;
    this.skipped = skippedRowsBefore;
  }

  /**
   * Records where the rows from {@code firstRow} on came from, for a reader that appends several files in
   * turn: as {@link #lineMap}, {@code skippedRowsBefore} counting rows from {@code firstRow}. Call it once per
   * file, in row order.
   */
  public void fileLineMap(int firstRow, String file, long first, long[] skippedRowsBefore) {
    if (files == null) {
      files = new java.util.ArrayList<>();
    }
    files.add(new FileLines(firstRow, file, first, skippedRowsBefore));
  }

  /** Records the line number of every row (readers whose records may span lines). */
  public void lineNumbers(String file, int[] lineOfRow) {
    this.source = file;
    this.lines = lineOfRow;
  }

  /** "file:line" of a row as read (or just the file name when lines are unknown). */
  public String where(int row) {
    if (lines != null && row < lines.length) {
      return source + ":" + lines[row];
    }
    if (files != null) {
      int lo = 0; // the last file whose first row is at most row (files without rows share the next one's)
      int hi = files.size() - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (files.get(mid).firstRow() <= row) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      FileLines f = files.get(lo);
      int r = row - f.firstRow();
      return f.source() + ":" + (f.firstLine() + r + skippedUpTo(f.skipped(), r));
    }
    if (firstLine < 0) {
      return source == null ? "row " + (row + 1) : source;
    }
    return source + ":" + (firstLine + row + skippedUpTo(skipped, row));
  }

  /** The number of entries of the sorted {@code skipped} that are at most {@code row}. */
  private static int skippedUpTo(long[] skipped, int row) {
    int lo = 0;
    int hi = skipped.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (skipped[mid] <= row) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The line number of a row as read, or -1 when unknown. */
  public long line(int row) {
    String w = where(row);
    int colon = w.lastIndexOf(':');
    return colon < 0 ? -1 : Long.parseLong(w.substring(colon + 1));
  }

  /** The external id of a user code. */
  public String userId(int code) {
    return userNames == null ? Integer.toString(code) : userNames[code];
  }

  /** The external id of an item code. */
  public String itemId(int code) {
    return itemNames == null ? Integer.toString(code) : itemNames[code];
  }
}
