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

  /** The external id of a user code. */
  public String userId(int code) {
    return userNames == null ? Integer.toString(code) : userNames[code];
  }

  /** The external id of an item code. */
  public String itemId(int code) {
    return itemNames == null ? Integer.toString(code) : itemNames[code];
  }
}
