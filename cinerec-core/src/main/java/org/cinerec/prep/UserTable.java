package org.cinerec.prep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.cinerec.data.IdIndex;
import org.cinerec.data.UserAttributes;

/**
 * A users file as read, before preparation (MovieLens 100K {@code u.user}, 1M {@code users.dat}, a
 * {@code users.csv}): the attribute names in column order and, in file order, each user's id (compared by
 * {@link IdIndex#key(String)}), values (null = empty) and line. Attaching it to the users with kept ratings
 * ({@link #attach}) gives the dataset's {@link UserAttributes} and reports what was left out.
 */
public final class UserTable {
  private final String file;
  private final List<String> names;
  private final List<String> ids = new ArrayList<>();
  private final List<String[]> values = new ArrayList<>();
  private final List<Long> lines = new ArrayList<>();
  private final Map<String, Integer> byKey = new HashMap<>();

  /** An empty table of the file {@code file} (its name, for the report) with these attribute names. */
  public UserTable(String file, List<String> names) {
    this.file = file;
    this.names = List.copyOf(names);
  }

  /** Adds a user; false (and nothing added) when the id is already present. */
  public boolean add(String id, long line, String[] row) {
    if (row.length != names.size()) {
      throw new IllegalArgumentException(row.length + " values for " + names.size() + " attributes");
    }
    if (byKey.putIfAbsent(IdIndex.key(id), ids.size()) != null) {
      return false;
    }
    String[] copy = new String[row.length];
    for (int a = 0; a < row.length; a++) {
      copy[a] = row[a] == null || row[a].isEmpty() ? null : row[a];
    }
    ids.add(id);
    values.add(copy);
    lines.add(line);
    return true;
  }

  /** How {@code id} repeats a user already in the table: "appears again", or "is 7 again (leading zeros ...)". */
  public String repeatOf(String id) {
    Integer first = byKey.get(IdIndex.key(id));
    return first == null || ids.get(first).equals(id) ? "appears again"
        : "is " + ids.get(first) + " again (leading zeros do not count)";
  }

  public String file() {
    return file;
  }

  public List<String> names() {
    return names;
  }

  /** The user ids, in file order. */
  public List<String> ids() {
    return List.copyOf(ids);
  }

  public int size() {
    return ids.size();
  }

  /**
   * The attributes of {@code users} (the users with kept ratings), after {@link #report reporting} the file's
   * users without ratings and the rated users the file does not list.
   */
  public UserAttributes attach(IdIndex users, PrepReport report) {
    report(id -> users.indexOf(id) >= 0, users.size(), report);
    Map<String, String[]> byUser = new HashMap<>(ids.size() * 2);
    for (int k = 0; k < ids.size(); k++) {
      if (users.indexOf(ids.get(k)) >= 0) {
        byUser.put(ids.get(k), values.get(k));
      }
    }
    return UserAttributes.of(users, names, byUser);
  }

  /**
   * The report's part, for any engine: each user of the file for whom {@code rated} (given the id as the
   * file spells it) is false is skipped ({@link Reasons#USER_WITHOUT_RATINGS}, the first few with file:line),
   * and one note says for how many of the {@code ratedUsers} users with kept ratings the file gives
   * attributes, e.g. {@code u.user: age, gender, occupation for 941 of the 943 users with ratings (2 unknown)}.
   */
  public void report(Predicate<String> rated, long ratedUsers, PrepReport report) {
    long listed = 0;
    for (int k = 0; k < ids.size(); k++) {
      if (rated.test(ids.get(k))) {
        listed++;
      } else {
        report.skipUserRecord(Reasons.USER_WITHOUT_RATINGS, report.wantsExample(Reasons.USER_WITHOUT_RATINGS)
            ? file + ":" + lines.get(k) + ": user " + ids.get(k) + " has no kept ratings; ignored" : null);
      }
    }
    long unknown = ratedUsers - listed;
    report.note(String.format(Locale.ROOT, "%s: %s for %,d of the %,d users with ratings%s", file,
        names.isEmpty() ? "no attributes" : String.join(", ", names), listed, ratedUsers,
        unknown > 0 ? String.format(Locale.ROOT, " (%,d not listed: unknown)", unknown) : ""));
  }
}
