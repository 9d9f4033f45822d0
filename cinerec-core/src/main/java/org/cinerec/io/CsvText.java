package org.cinerec.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cinerec.CinerecException;

/**
 * Small text CSV files (catalogues, links) through FastCSV: RFC 4180 quoting, multi-line quoted fields,
 * CRLF or LF. Records keep their starting line number for messages.
 */
final class CsvText {
  private CsvText() {}

  /**
   * Reads the header (column names in lower case), asks {@code onHeader} for the record handler, then
   * calls it for every record after the header.
   */
  static void forEach(String name, String text, char delimiter,
      Function<List<String>, Consumer<CsvRecord>> onHeader) {
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl > 0 && text.charAt(nl - 1) == '\r' ? nl - 1 : nl);
    HeaderNames header = new HeaderNames(line);
    Consumer<CsvRecord> each = null;
    try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delimiter).skipEmptyLines(true)
        .allowExtraFields(true).allowMissingFields(true).ofCsvRecord(text)) {
      boolean first = true;
      for (CsvRecord r : reader) {
        if (first) {
          for (String f : r.getFields()) {
            header.names.add(f.strip().toLowerCase(Locale.ROOT));
          }
          first = false;
          each = onHeader.apply(header);
          continue;
        }
        each.accept(r);
      }
    } catch (CsvParseException e) {
      throw new CinerecException(name + ": not valid CSV: " + e.getMessage()
          + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (header.isEmpty()) {
      throw new CinerecException(name + ": the file is empty (no header line)");
    }
  }

  /**
   * The header's column names in lower case, and the header line as it is in the file, so that messages
   * quote it with its real delimiter and case.
   */
  static final class HeaderNames extends java.util.AbstractList<String> {
    final List<String> names = new ArrayList<>();
    final String line;

    HeaderNames(String line) {
      this.line = line;
    }

    @Override
    public String get(int index) {
      return names.get(index);
    }

    @Override
    public int size() {
      return names.size();
    }
  }

  /** Index of a required column, or a one-line error naming the file, the column and the header line. */
  static int column(String name, List<String> header, String column) {
    int k = header.indexOf(column.toLowerCase(Locale.ROOT));
    if (k < 0) {
      String h = header instanceof HeaderNames n ? n.line : String.join(",", header);
      if (header.size() == 1 && (h.contains(";") || h.contains("\t"))) {
        throw new CinerecException(name + ":1: columns are not separated by commas (header \""
            + RatingsCsv.abbreviate(h) + "\")");
      }
      throw new CinerecException(name + ":1: missing column \"" + column + "\" in the header \""
          + RatingsCsv.abbreviate(h) + "\"");
    }
    return k;
  }

  /** True when s is a non-empty run of ASCII digits that fits an int. */
  static boolean isId(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return Long.parseLong(s) <= Integer.MAX_VALUE;
  }
}
