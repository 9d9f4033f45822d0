package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data given as a zip or gzip file: unpacked once into the cache and read as its contents. */
class UnpackedTest {

  /** Zips {@code folder}'s files, under {@code prefix} ("" for the zip's root). */
  static Path zip(Path folder, Path zip, String prefix) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(folder)) {
      if (!prefix.isEmpty()) {
        z.putNextEntry(new ZipEntry(prefix));
        z.closeEntry();
      }
      for (Path f : files.sorted().toList()) {
        z.putNextEntry(new ZipEntry(prefix + f.getFileName()));
        Files.copy(f, z);
        z.closeEntry();
      }
    }
    return zip;
  }

  @Test
  void aGroupLensZipWithItsFolderReadsAsTheFolderAndUnpacksOnce(@TempDir Path dir) throws IOException {
    Path zip = zip(Fixtures.dir("ml-csv"), dir.resolve("ml-csv.zip"), "ml-csv/");
    Path cache = dir.resolve("cache");
    Unpacked.Result first = Unpacked.of(zip, cache);
    assertEquals("ml-csv", first.path().getFileName().toString());
    assertTrue(first.note().startsWith("ml-csv.zip (zip) is read from its copy unpacked into " + cache), first.note());
    Path marker = first.path().getParent().resolve(Unpacked.MARKER);
    Files.setLastModifiedTime(marker, FileTime.fromMillis(0));
    Unpacked.Result again = Unpacked.of(zip, cache);
    assertEquals(first.path(), again.path());
    assertEquals(first.note(), again.note(), "the same report whether unpacked now or before");
    assertEquals(0, Files.getLastModifiedTime(marker).toMillis(), "nothing unpacked the second time");
    Dataset fromZip = DataSources.load(first.path(), LoadOptions.defaults(), Progress.NONE);
    Dataset fromFolder = DataSources.load(Fixtures.dir("ml-csv"), LoadOptions.defaults(), Progress.NONE);
    assertEquals(fromFolder.ratings().size(), fromZip.ratings().size());
    assertEquals(fromFolder.provenance().dropped(), fromZip.provenance().dropped());
    assertEquals("movielens-csv", fromZip.provenance().format());
  }

  /** Two readers unpacking one zip at once: one copy wins, both read it, no half-unpacked folder is left. */
  @Test
  void twoReadersAtOnceShareOneCopy(@TempDir Path dir) throws Exception {
    Path zip = zip(Fixtures.dir("ml-csv"), dir.resolve("ml-csv.zip"), "ml-csv/");
    Path cache = dir.resolve("cache");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Unpacked.Result>> all = new java.util.ArrayList<>();
      for (int k = 0; k < 8; k++) {
        all.add(pool.submit(() -> Unpacked.of(zip, cache)));
      }
      Path first = all.get(0).get().path();
      for (var f : all) {
        assertEquals(first, f.get().path());
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> left = Files.list(cache.resolve("unpacked"))) {
      assertEquals(1, left.count(), "one copy, no temporary folders left");
    }
    assertTrue(DataSources.load(Unpacked.of(zip, cache).path(), LoadOptions.defaults(), Progress.NONE).numUsers() > 0);
  }

  @Test
  void kagglesZipWithFilesAtItsRootReadsAsTheFolder(@TempDir Path dir) throws IOException {
    Path zip = zip(Fixtures.dir("kaggle"), dir.resolve("archive.zip"), "");
    Unpacked.Result r = Unpacked.of(zip, dir.resolve("cache"));
    assertTrue(Files.isDirectory(r.path()));
    assertEquals(Format.KAGGLE_MOVIES, FormatDetector.detect(r.path()));
  }

  @Test
  void aGzippedRatingsFileReadsAsTheFile(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("ratings.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("userId,movieId,rating,timestamp\n1,10,4,964982703\n2,10,5,964982703\n".getBytes(StandardCharsets.UTF_8));
    }
    Unpacked.Result r = Unpacked.of(gz, dir.resolve("cache"));
    assertEquals("ratings.csv", r.path().getFileName().toString());
    assertEquals(2, DataSources.load(r.path(), LoadOptions.defaults(), Progress.NONE).ratings().size());
  }

  @Test
  void plainFilesAndFoldersAreThemselves(@TempDir Path dir) throws IOException {
    Path csv = Fixtures.write(dir, "r.csv", "userId,movieId,rating\n1,2,3\n");
    assertEquals(new Unpacked.Result(csv, null), Unpacked.of(csv, dir.resolve("cache")));
    assertEquals(new Unpacked.Result(dir, null), Unpacked.of(dir, dir.resolve("cache")));
    assertTrue(!Files.exists(dir.resolve("cache")), "nothing written for them");
  }

  @Test
  void anEntryOutsideTheFolderOrADamagedFileIsAClearError(@TempDir Path dir) throws IOException {
    Path evil = dir.resolve("evil.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(evil))) {
      z.putNextEntry(new ZipEntry("../outside.csv"));
      z.write("x".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    CinerecException e = assertThrows(CinerecException.class, () -> Unpacked.of(evil, dir.resolve("cache")));
    assertTrue(e.getMessage().contains("points outside the archive's folder"), e.getMessage());
    assertTrue(!Files.exists(dir.resolve("outside.csv")) && !Files.exists(dir.resolve("cache/outside.csv")));
    try (Stream<Path> left = Files.list(dir.resolve("cache/unpacked"))) {
      assertEquals(0, left.count(), "no half-unpacked folder is left");
    }
    Path damaged = dir.resolve("damaged.zip");
    Files.write(damaged, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    CinerecException d = assertThrows(CinerecException.class, () -> Unpacked.of(damaged, dir.resolve("cache")));
    assertTrue(d.getMessage().startsWith(damaged + ": is not a readable zip file"), d.getMessage());
    Path badGz = dir.resolve("r.csv.gz");
    Files.write(badGz, new byte[] {(byte) 0x1F, (byte) 0x8B, 8, 0, 0});
    CinerecException g = assertThrows(CinerecException.class, () -> Unpacked.of(badGz, dir.resolve("cache")));
    assertTrue(g.getMessage().startsWith(badGz + ": is not a readable gzip file"), g.getMessage());
  }
}
