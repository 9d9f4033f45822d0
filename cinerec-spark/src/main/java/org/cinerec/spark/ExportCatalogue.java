package org.cinerec.spark;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.io.CatalogFile;

/**
 * The catalogue {@code export} puts into the model file: the {@link CatalogFile} {@code prepare} wrote beside
 * the training Parquet ({@code cinerec-train.json}'s input), or the one given with {@code --catalog DIR|FILE}
 * (a {@code prepare} output folder or its {@value CatalogFile#NAME}); movies it lacks are placeholders, as
 * are all movies when there is none.
 */
final class ExportCatalogue {
  private ExportCatalogue() {}

  /** The catalogue in the model's item order; {@code given} null to look beside {@code input}. */
  static Catalog of(IdIndex items, String input, String given, Configuration conf) {
    CatalogFile.Entries e = given != null ? read(explicit(given, conf), conf) : beside(input, conf);
    if (e == null) {
      Catalog.Builder b = Catalog.builder();
      for (String id : items.ids()) {
        b.addPlaceholder(id);
      }
      return b.build();
    }
    return e.forItems(items);
  }

  /** INPUT's folder's catalogue when INPUT is a {@code prepare} folder's {@code ratings.parquet}, else null. */
  private static CatalogFile.Entries beside(String input, Configuration conf) {
    Path parquet = new Path(input);
    if (!parquet.getName().equals("ratings.parquet") || parquet.getParent() == null) {
      return null;
    }
    Path p = new Path(parquet.getParent(), CatalogFile.NAME);
    try {
      return p.getFileSystem(conf).exists(p) ? read(p, conf) : null;
    } catch (IOException ex) {
      throw new CinerecException(p + ": cannot read: " + ex.getMessage(), ex);
    }
  }

  private static Path explicit(String given, Configuration conf) {
    Path p = new Path(given);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw CinerecException.usage("--catalog " + given + ": no such file or folder (give the folder prepare"
            + " wrote or its " + CatalogFile.NAME + ")");
      }
      if (fs.getFileStatus(p).isDirectory()) {
        Path inside = new Path(p, CatalogFile.NAME);
        if (!fs.exists(inside)) {
          throw CinerecException.usage("--catalog " + given + ": the folder has no " + CatalogFile.NAME
              + " (prepare writes one when its input has a movie catalogue)");
        }
        return inside;
      }
      return p;
    } catch (IOException ex) {
      throw new CinerecException(given + ": cannot read: " + ex.getMessage(), ex);
    }
  }

  private static CatalogFile.Entries read(Path p, Configuration conf) {
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return CatalogFile.read(p.toString(), in);
    } catch (IOException ex) {
      throw new CinerecException(p + ": cannot read: " + ex.getMessage(), ex);
    }
  }
}
