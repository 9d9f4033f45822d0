package org.cinerec.io;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.cinerec.prep.MovieTable;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.Reasons;

/**
 * A headerless catalogue file of one movie a line, fields split on a delimiter, the id first (MovieLens 1M's
 * {@code movies.dat}, 100K's {@code u.item}, the Netflix Prize's {@code movie_titles.csv}): the lines, their
 * numbers and the records skipped for a wrong field count, an id that is not an integer or a repeated id, the
 * same way for each; the format says only how the fields make a movie.
 */
final class CatalogLines {
  private CatalogLines() {}

  /** Makes the movie of one record whose id was checked; {@code f} holds the split fields, the id first. */
  interface Record {
    MovieTable.Movie movie(String id, String[] f);
  }

  /**
   * Reads {@code file} (UTF-8, else ISO-8859-1): each non-blank line split on {@code delimiter} into exactly
   * {@code fields} fields ({@code restInLast}: the last field is the rest of the line, delimiters and all),
   * the first the movie id named {@code idName} in messages.
   */
  static MovieTable read(Path file, String expected, String delimiter, int fields, boolean restInLast, String idName,
      PrepReport report, Record record) {
    String name = file.getFileName().toString();
    TextFiles.requireTextFile(file, expected);
    String text = TextFiles.decode(file, true, report);
    Pattern split = Pattern.compile(Pattern.quote(delimiter));
    MovieTable table = new MovieTable();
    long line = 0;
    for (String l : text.split("\r?\n", -1)) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      String[] f = split.split(l, restInLast ? fields : -1);
      if (f.length != fields) {
        MovieLensCatalog.skip(report, Reasons.METADATA_MALFORMED, name, line,
            "has " + f.length + " field(s) separated by '" + delimiter + "', expected " + fields);
        continue;
      }
      String id = f[0].strip();
      if (!CsvText.isId(id)) {
        MovieLensCatalog.skip(report, Reasons.METADATA_BAD_ID, name, line,
            idName + " \"" + TextFiles.shown(id) + "\" is not an integer");
        continue;
      }
      if (!table.add(record.movie(id, f))) {
        MovieLensCatalog.skip(report, Reasons.METADATA_DUPLICATE, name, line,
            idName + " " + id + " " + table.repeatOf(id) + "; the first is kept");
      }
    }
    return table;
  }
}
