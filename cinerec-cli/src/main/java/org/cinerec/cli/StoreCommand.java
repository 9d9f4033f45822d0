package org.cinerec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Backing up and restoring the ratings store of {@code cinerec serve}. */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = {"Back up or restore the ratings store of cinerec serve (a SQLite file, or jdbc:postgresql://...).",
        "Example: cinerec store backup models/ratings.db backup.db"},
    subcommands = {StoreCommand.Backup.class, StoreCommand.Restore.class})
final class StoreCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give a subcommand: backup or restore");
  }

  static String copied(JdbcRatingStore.Copied c) {
    return String.format(Locale.ROOT, "%,d users, %,d ratings, %,d dismissals", c.users(), c.ratings(), c.dismissals());
  }

  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = {"Copy every user (with their key hashes and attributes), rating and dismissal of STORE, "
          + "and its seeding record, into a new SQLite file FILE, as one consistent snapshot: safe while cinerec serve runs. "
          + "FILE is itself a store: serve it with --store FILE, or restore it anywhere.",
          "Example: cinerec store backup models/ratings.db backup.db"})
  static final class Backup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STORE", description = "The store: a SQLite file or jdbc:postgresql://HOST/DB.")
    String store;

    @Parameters(index = "1", paramLabel = "FILE", description = "The backup to write (a new SQLite file).")
    Path out;

    @Override
    public Integer call() throws IOException {
      if (Files.exists(out)) {
        throw CinerecException.usage(out + " exists: a backup goes to a new file");
      }
      Path abs = out.toAbsolutePath();
      Files.createDirectories(abs.getParent());
      JdbcRatingStore.Copied c = intoNewSqlite(StoreUrl.parse(store), abs);
      PrintWriter w = spec.commandLine().getOut();
      w.printf(Locale.ROOT, "backed up %s to %s: %s%n", StoreUrl.parse(store).display(), out, copied(c));
      w.flush();
      return 0;
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = {"Copy a backup (or any store) FILE into STORE, which must be new and empty: a SQLite file "
          + "that does not exist yet, or an empty PostgreSQL database. All of it or, on failure, nothing.",
          "Example: cinerec store restore backup.db jdbc:postgresql://localhost/cinerec"})
  static final class Restore implements Callable<Integer> {
    // (a PostgreSQL target is written in one transaction: all of it, or nothing)
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup (a SQLite store file).")
    Path backup;

    @Parameters(index = "1", paramLabel = "STORE", description = "The new store: a SQLite file or jdbc:postgresql://HOST/DB.")
    String store;

    @Override
    public Integer call() throws IOException {
      if (!StoreUrl.isStore(backup.toString())) {
        throw CinerecException.usage(backup + ": not a ratings store backup (no SQLite file there)");
      }
      StoreUrl target = StoreUrl.parse(store);
      if (target.sqlite() && Files.exists(target.file())) {
        throw CinerecException.usage(target.file() + " exists: restore into a new store");
      }
      JdbcRatingStore.Copied c;
      if (target.sqlite()) {
        c = intoNewSqlite(StoreUrl.parse(backup.toString()), target.file());
      } else {
        try (JdbcRatingStore from = JdbcRatingStore.open(StoreUrl.parse(backup.toString()));
            JdbcRatingStore to = JdbcRatingStore.open(target)) {
          c = from.copyInto(to);
        }
      }
      PrintWriter w = spec.commandLine().getOut();
      w.printf(Locale.ROOT, "restored %s into %s: %s%n", backup, target.display(), copied(c));
      w.flush();
      return 0;
    }
  }

  /**
   * Copies {@code from} into a new SQLite file {@code target}: written under a temporary name beside it and
   * renamed when complete, so {@code target} is never half a store.
   */
  static JdbcRatingStore.Copied intoNewSqlite(StoreUrl from, Path target) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".partial");
    deleteSqlite(tmp);
    JdbcRatingStore.Copied c;
    try (JdbcRatingStore src = JdbcRatingStore.open(from);
        JdbcRatingStore dst = JdbcRatingStore.open(StoreUrl.parse(tmp.toString()))) {
      c = src.copyInto(dst);
    } catch (RuntimeException e) {
      deleteSqlite(tmp);
      throw e;
    }
    complete(tmp, target);
    return c;
  }

  /**
   * Renames a closed SQLite file into place; it must stand alone (its write-ahead log checkpointed into it
   * and removed when the last connection closed), else the data in the log would be left behind.
   */
  static void complete(Path tmp, Path target) throws IOException {
    if (Files.exists(tmp.resolveSibling(tmp.getFileName() + "-wal"))) {
      throw CinerecException.failure(tmp + "-wal is still there after the store was closed; " + tmp
          + " is kept for inspection", null);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes a SQLite file and its WAL companions. */
  static void deleteSqlite(Path db) throws IOException {
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
    }
  }
}
