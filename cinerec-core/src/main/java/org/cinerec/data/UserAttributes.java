package org.cinerec.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Categorical attributes of the users (demographics such as age, gender and occupation), per dense user
 * index: {@code value(user, attr)} is the text the users file gave, or null when it is unknown (the user is
 * not in the file, or the field was empty). Immutable. {@link #none(int)} has no attributes at all, which is
 * what a dataset without a users file carries.
 *
 * <p>Stored coded: for each attribute a vocabulary of its distinct values ({@link #levels(int)}, in order of
 * first appearance over the user index) and one code per user ({@link #code(int, int)}, -1 = unknown); a
 * categorical feature's ids are these codes. Example: users {@code u0, u1, u2} with ages {@code "25", null,
 * "25"} and genders {@code "F", "M", "M"} give {@code levels(0) = ["25"]}, codes {@code [0, -1, 0]},
 * {@code levels(1) = ["F", "M"]}, codes {@code [0, 1, 1]}.
 *
 * <p>Values are kept as written: MovieLens 1M's ages are already bucket codes ({@code "1"}, {@code "18"},
 * ... {@code "56"}), MovieLens 100K's and the synthetic data's are years of age; a model that wants buckets
 * makes them. {@link #select(int[])} keeps the vocabularies, so a code means the same value before and after.
 */
public final class UserAttributes {
  private final int numUsers;
  private final List<String> names;
  private final String[][] levels;
  private final int[][] codes;

  private UserAttributes(int numUsers, List<String> names, String[][] levels, int[][] codes) {
    this.numUsers = numUsers;
    this.names = names;
    this.levels = levels;
    this.codes = codes;
  }

  /** No attributes for {@code numUsers} users. */
  public static UserAttributes none(int numUsers) {
    if (numUsers < 0) {
      throw new IllegalArgumentException("numUsers must be 0 or more, got " + numUsers);
    }
    return new UserAttributes(numUsers, List.of(), new String[0][], new int[0][]);
  }

  /**
   * The attributes of the users of {@code users} from a table keyed by user id (matched by
   * {@link IdIndex#key(String)}, so {@code "007"} is user {@code 7}): each value array holds one value per
   * name, null or empty for unknown. Users of the index missing from the table get nulls; entries of the
   * table that are not in the index are ignored.
   */
  public static UserAttributes of(IdIndex users, List<String> names, Map<String, String[]> byUser) {
    Map<String, String[]> byKey = new HashMap<>(byUser.size() * 2);
    for (Map.Entry<String, String[]> e : byUser.entrySet()) {
      if (byKey.put(IdIndex.key(e.getKey()), e.getValue()) != null) {
        throw new IllegalArgumentException("user \"" + e.getKey() + "\" appears twice in the attribute table "
            + "(leading zeros do not count)");
      }
    }
    String[][] rows = new String[users.size()][];
    for (int u = 0; u < rows.length; u++) {
      rows[u] = byKey.get(users.key(u));
    }
    return ofRows(names, rows);
  }

  /**
   * The attributes from one row per dense user ({@code rows[u]}: a value per name, null or empty for
   * unknown; a null row: all unknown).
   */
  public static UserAttributes ofRows(List<String> names, String[][] rows) {
    List<String> n = checkedNames(names);
    int attrs = n.size();
    String[][] levels = new String[attrs][];
    int[][] codes = new int[attrs][rows.length];
    for (int a = 0; a < attrs; a++) {
      Map<String, Integer> seen = new HashMap<>();
      List<String> values = new ArrayList<>();
      for (int u = 0; u < rows.length; u++) {
        String[] row = rows[u];
        if (row != null && row.length != attrs) {
          throw new IllegalArgumentException("user " + u + " has " + row.length + " values, expected " + attrs
              + " (" + String.join(", ", n) + ")");
        }
        String v = row == null ? null : row[a];
        if (v == null || v.isEmpty()) {
          codes[a][u] = -1;
          continue;
        }
        Integer c = seen.get(v);
        if (c == null) {
          c = values.size();
          seen.put(v, c);
          values.add(v);
        }
        codes[a][u] = c;
      }
      levels[a] = values.toArray(new String[0]);
    }
    return new UserAttributes(rows.length, n, levels, codes);
  }

  /**
   * The attributes in their coded form (what the dataset file stores): per attribute its distinct non-empty
   * values and one code per user into them (-1 unknown). Every codes array has {@code numUsers} entries.
   */
  public static UserAttributes ofCodes(int numUsers, List<String> names, List<List<String>> levels,
      List<int[]> codes) {
    List<String> n = checkedNames(names);
    if (levels.size() != n.size() || codes.size() != n.size()) {
      throw new IllegalArgumentException(n.size() + " attribute names but " + levels.size() + " vocabularies and "
          + codes.size() + " code arrays");
    }
    String[][] lv = new String[n.size()][];
    int[][] cd = new int[n.size()][];
    for (int a = 0; a < n.size(); a++) {
      lv[a] = levels.get(a).toArray(new String[0]);
      if (new HashSet<>(Arrays.asList(lv[a])).size() != lv[a].length) {
        throw new IllegalArgumentException("attribute " + n.get(a) + ": a value appears twice in its vocabulary");
      }
      for (String v : lv[a]) {
        if (v == null || v.isEmpty()) {
          throw new IllegalArgumentException("attribute " + n.get(a) + ": an empty value in its vocabulary");
        }
      }
      cd[a] = codes.get(a).clone();
      if (cd[a].length != numUsers) {
        throw new IllegalArgumentException("attribute " + n.get(a) + ": " + cd[a].length + " codes for " + numUsers
            + " users");
      }
      for (int c : cd[a]) {
        if (c < -1 || c >= lv[a].length) {
          throw new IllegalArgumentException("attribute " + n.get(a) + ": code " + c + " outside -1.."
              + (lv[a].length - 1));
        }
      }
    }
    return new UserAttributes(numUsers, n, lv, cd);
  }

  private static List<String> checkedNames(List<String> names) {
    List<String> n = List.copyOf(names);
    if (new HashSet<>(n).size() != n.size()) {
      throw new IllegalArgumentException("attribute names repeat: " + n);
    }
    for (String s : n) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("an attribute name is empty: " + n);
      }
    }
    return n;
  }

  /** True when there are no attributes (no users file). */
  public boolean isEmpty() {
    return names.isEmpty();
  }

  public int numUsers() {
    return numUsers;
  }

  /** The attribute names, in the users file's column order (e.g. {@code [age, gender, occupation]}). */
  public List<String> names() {
    return names;
  }

  /** The position of an attribute in {@link #names()}, or -1. */
  public int indexOf(String name) {
    return names.indexOf(name);
  }

  /** The value of attribute {@code attr} for {@code user}, or null when unknown. */
  public String value(int user, int attr) {
    int c = code(user, attr);
    return c < 0 ? null : levels[attr][c];
  }

  /** The code of the user's value in {@link #levels(int)}, or -1 when unknown. */
  public int code(int user, int attr) {
    Objects.checkIndex(user, numUsers);
    return codes[attr][user];
  }

  /** The distinct values of an attribute, in code order. */
  public List<String> levels(int attr) {
    return List.of(levels[attr]);
  }

  /** The users with at least one known value. */
  public int usersKnown() {
    int n = 0;
    for (int u = 0; u < numUsers; u++) {
      for (int[] c : codes) {
        if (c[u] >= 0) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /**
   * The attributes over another user index: new user {@code j} takes old user {@code from[j]}'s values, or
   * none when {@code from[j]} is -1. The vocabularies (so the codes) stay as they are.
   */
  public UserAttributes select(int[] from) {
    int[][] out = new int[codes.length][from.length];
    for (int j = 0; j < from.length; j++) {
      if (from[j] < -1 || from[j] >= numUsers) {
        throw new IllegalArgumentException("user " + from[j] + " at " + j + " is outside -1.." + (numUsers - 1));
      }
      for (int a = 0; a < codes.length; a++) {
        out[a][j] = from[j] < 0 ? -1 : codes[a][from[j]];
      }
    }
    return new UserAttributes(from.length, names, levels, out);
  }

  /**
   * The attributes over the users of {@code now}, matched by id to {@code was} (the index these attributes are
   * over); users of {@code now} missing from {@code was} get none.
   */
  public UserAttributes withUsers(IdIndex was, IdIndex now) {
    if (was.size() != numUsers) {
      throw new IllegalArgumentException("the attributes are over " + numUsers + " users but the index has "
          + was.size());
    }
    int[] from = new int[now.size()];
    for (int j = 0; j < from.length; j++) {
      from[j] = was.indexOf(now.id(j));
    }
    return select(from);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof UserAttributes other) || other.numUsers != numUsers || !other.names.equals(names)) {
      return false;
    }
    for (int a = 0; a < names.size(); a++) {
      for (int u = 0; u < numUsers; u++) {
        if (!Objects.equals(value(u, a), other.value(u, a))) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 31 * numUsers + names.hashCode();
    for (int a = 0; a < names.size(); a++) {
      for (int u = 0; u < numUsers; u++) {
        h = 31 * h + Objects.hashCode(value(u, a));
      }
    }
    return h;
  }

  @Override
  public String toString() {
    return isEmpty() ? "UserAttributes[none, " + numUsers + " users]"
        : "UserAttributes" + names + "[" + numUsers + " users, " + usersKnown() + " known]";
  }
}
