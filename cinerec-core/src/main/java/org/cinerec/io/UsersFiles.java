package org.cinerec.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cinerec.CinerecException;
import org.cinerec.data.IdIndex;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.Reasons;
import org.cinerec.prep.UserTable;

/**
 * The users files beside the ratings, read into a {@link UserTable} (attached to the users with kept ratings
 * by {@link org.cinerec.prep.DatasetAssembler}):
 * <ul>
 *   <li>MovieLens 100K {@code u.user}: {@code user id|age|gender|occupation|zip code}; attributes
 *   {@code age, gender, occupation} as written (age in years, {@code M}/{@code F}, e.g. {@code technician}).</li>
 *   <li>MovieLens 1M {@code users.dat}: {@code UserID::Gender::Age::Occupation::Zip-code}; attributes
 *   {@code gender, age, occupation}: the age as its bucket code ({@code 1} under 18, {@code 18} 18-24,
 *   {@code 25}, {@code 35}, {@code 45}, {@code 50}, {@code 56} 56+), the occupation code as its name from
 *   the ml-1m README ({@link #ML_1M_OCCUPATIONS}).</li>
 *   <li>{@code users.csv} beside a {@code ratings.csv}: a header naming {@code userId} and any other columns,
 *   each another attribute named by its header in lower case (e.g. {@code userId,age,gender,occupation}).</li>
 * </ul>
 * Zip codes are not kept (nearly one value per user). Empty fields are unknown. A record with the wrong
 * number of fields, an id that is not a non-negative integer or (1M) an occupation code the README does not
 * define is skipped and counted with its file:line ({@link Reasons#USERS_MALFORMED},
 * {@link Reasons#USERS_BAD_ID}; {@code --strict} stops there); a repeated id keeps the first record
 * ({@link Reasons#USERS_DUPLICATE}).
 */
final class UsersFiles {
  /** The ml-1m README's occupations, by code 0..20 (0: "other" or not specified). */
  static final String[] ML_1M_OCCUPATIONS = {"other", "academic/educator", "artist", "clerical/admin",
      "college/grad student", "customer service", "doctor/health care", "executive/managerial", "farmer",
      "homemaker", "K-12 student", "lawyer", "programmer", "retired", "sales/marketing", "scientist",
      "self-employed", "technician/engineer", "tradesman/craftsman", "unemployed", "writer"};

  private UsersFiles() {}

  /** MovieLens 100K {@code u.user}. */
  static UserTable read100k(Path file, PrepReport report) {
    String name = file.getFileName().toString();
    TextFiles.requireTextFile(file, "pipe-separated user records (MovieLens 100K u.user)");
    UserTable table = new UserTable(name, List.of("age", "gender", "occupation"));
    long line = 0;
    for (String l : TextFiles.decode(file, true, report).split("\r?\n", -1)) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      String[] f = l.split("\\|", -1);
      if (f.length != 5) {
        skip(report, Reasons.USERS_MALFORMED, name, line, "has " + f.length + " field(s) separated by '|', expected 5 "
            + "(user id|age|gender|occupation|zip code)");
        continue;
      }
      add(table, report, name, line, f[0].strip(), new String[] {f[1].strip(), f[2].strip(), f[3].strip()});
    }
    return table;
  }

  /**
   * True for MovieTweetings' {@code users.dat} ({@code user_id::twitter_id}, no attributes): its first record
   * has two {@code ::}-separated fields, both digits (MovieLens 1M's has five). Unreadable: false (the reader
   * says why).
   */
  static boolean isTweetingsUsers(Path file) {
    try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
      String l;
      while ((l = r.readLine()) != null && l.isBlank()) {
        // skip blank lines
      }
      if (l == null) {
        return false;
      }
      String[] f = l.strip().split("::", -1);
      return f.length == 2 && CsvText.isId(f[0].strip()) && CsvText.isId(f[1].strip());
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** MovieLens 1M {@code users.dat}. */
  static UserTable readDat(Path file, PrepReport report) {
    String name = file.getFileName().toString();
    TextFiles.requireTextFile(file, "UserID::Gender::Age::Occupation::Zip-code records (MovieLens 1M users.dat)");
    UserTable table = new UserTable(name, List.of("gender", "age", "occupation"));
    long line = 0;
    for (String l : TextFiles.decode(file, true, report).split("\r?\n", -1)) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      String[] f = l.split("::", -1);
      if (f.length != 5) {
        skip(report, Reasons.USERS_MALFORMED, name, line, "has " + f.length + " field(s) separated by '::', expected 5 "
            + "(UserID::Gender::Age::Occupation::Zip-code)");
        continue;
      }
      String code = f[3].strip();
      String occupation = null;
      if (!code.isEmpty()) {
        if (!CsvText.isId(code) || Integer.parseInt(code) >= ML_1M_OCCUPATIONS.length) {
          skip(report, Reasons.USERS_MALFORMED, name, line, "occupation code \"" + TextFiles.shown(code)
              + "\" is not one of 0.." + (ML_1M_OCCUPATIONS.length - 1) + " (the ml-1m README's)");
          continue;
        }
        occupation = ML_1M_OCCUPATIONS[Integer.parseInt(code)];
      }
      add(table, report, name, line, f[0].strip(), new String[] {f[1].strip(), f[2].strip(), occupation});
    }
    return table;
  }

  /** A {@code users.csv}: a {@code userId} column and any others, one attribute each. */
  static UserTable readCsv(Path file, PrepReport report) {
    String name = file.getFileName().toString();
    TextFiles.requireTextFile(file, "a users CSV with a header such as userId,age,gender,occupation");
    String text = TextFiles.decode(file, false, report);
    UserTable[] table = new UserTable[1];
    CsvText.forEach(name, text, ',', header -> {
      int id = userColumn(name, header);
      List<String> names = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int c = 0; c < header.size(); c++) {
        if (c == id) {
          continue;
        }
        String n = header.get(c);
        if (n.isEmpty()) {
          throw new CinerecException(name + ":1: column " + (c + 1) + " of the header has no name; name every "
              + "attribute column");
        }
        if (!seen.add(n)) {
          throw new CinerecException(name + ":1: column \"" + n + "\" appears twice in the header");
        }
        names.add(n);
      }
      table[0] = new UserTable(name, names);
      int fields = header.size();
      return r -> {
        long line = r.getStartingLineNumber();
        if (r.getFieldCount() != fields) {
          skip(report, Reasons.USERS_MALFORMED, name, line, "has " + r.getFieldCount() + " field(s), expected "
              + fields + " as the header");
          return;
        }
        String[] values = new String[fields - 1];
        for (int c = 0, k = 0; c < fields; c++) {
          if (c != id) {
            values[k++] = r.getField(c).strip();
          }
        }
        add(table[0], report, name, line, r.getField(id).strip(), values);
      };
    });
    return table[0];
  }

  /** The position of the user id column: userId, user_id or user (any case), else the error naming the header. */
  private static int userColumn(String name, List<String> header) {
    for (String n : new String[] {"userid", "user_id", "user"}) {
      int k = header.indexOf(n);
      if (k >= 0) {
        return k;
      }
    }
    return CsvText.column(name, header, "userId");
  }

  private static void add(UserTable table, PrepReport report, String name, long line, String id, String[] values) {
    if (!CsvText.isId(IdIndex.key(id))) {
      skip(report, Reasons.USERS_BAD_ID, name, line, "user id \"" + TextFiles.shown(id) + "\" is not a non-negative "
          + "integer");
      return;
    }
    if (!table.add(id, line, values)) {
      skip(report, Reasons.USERS_DUPLICATE, name, line, "user " + id + " " + table.repeatOf(id) + "; the first is kept");
    }
  }

  /** A skipped record: fatal in strict mode, except a repeated id, which is resolved by policy (the first kept). */
  private static void skip(PrepReport report, String reason, String name, long line, String why) {
    if (report.strict() && !reason.equals(Reasons.USERS_DUPLICATE)) {
      throw PrepReport.strictFailure(name, line, 0, why);
    }
    report.skipUserRecord(reason, name + ":" + line + ": " + why);
  }
}
