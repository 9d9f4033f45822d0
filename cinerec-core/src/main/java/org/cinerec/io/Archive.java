package org.cinerec.io;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.CinerecException;

/**
 * A MovieLens archive published by GroupLens at {@code <mirror>/<name>.zip}, with what is known to
 * verify it.
 *
 * @param name         archive name, also the folder inside the zip and in the cache ({@code ml-100k})
 * @param md5          the zip's published MD5 (GroupLens's {@code <name>.zip.md5}), or null when not fixed
 *                     (ml-latest-small is a development release that may change): then the mirror's
 *                     {@code <name>.zip.md5} is fetched and used
 * @param size         approximate download size, for messages
 * @param memberSha256 sha256 of files inside the archive that must match after unpacking (path inside
 *                     the archive's folder → hex); may be empty
 */
public record Archive(String name, String md5, String size, Map<String, String> memberSha256) {

  /** ml-latest-small (2018-09-26 release): 100,836 ratings. The two sha256 are of that release's files. */
  public static final Archive ML_LATEST_SMALL = new Archive("ml-latest-small", null, "1 MB", Map.of(
      "ratings.csv", "aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646",
      "movies.csv", "5a5f32dd9bb3797b8e728a1b98958789d2b13f294a69fdfbc5727f8a9611aa07"));
  /** MovieLens 100K (1998): 100,000 ratings. */
  public static final Archive ML_100K = new Archive("ml-100k", "0e33842e24a9c977be4e0107933c0723", "5 MB", Map.of());
  /** MovieLens 1M (2003): 1,000,209 ratings. */
  public static final Archive ML_1M = new Archive("ml-1m", "c4d9eecfca2ab87c1945afe126590906", "6 MB", Map.of());
  /** MovieLens 25M (2019): 25,000,095 ratings. */
  public static final Archive ML_25M = new Archive("ml-25m", "6b51fb2759a8657d3bfcbfc42b592ada", "250 MB", Map.of());
  /** MovieLens 32M (2023): 32,000,204 ratings. */
  public static final Archive ML_32M = new Archive("ml-32m", "d472be332d4daa821edc399621853b57", "240 MB", Map.of());

  public static final List<Archive> ALL = List.of(ML_LATEST_SMALL, ML_100K, ML_1M, ML_25M, ML_32M);

  public Archive {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("archive name \"" + name + "\" must be a plain file name");
    }
    memberSha256 = Map.copyOf(memberSha256);
  }

  /** The archive of this name; unknown names are a usage error listing the known ones. */
  public static Archive byName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceFirst("\\.zip$", "");
    for (Archive a : ALL) {
      if (a.name.equals(n)) {
        return a;
      }
    }
    throw CinerecException.usage("unknown dataset \"" + name + "\"; use one of "
        + String.join(", ", ALL.stream().map(Archive::name).toList()));
  }

  /** File name of the zip. */
  public String zipName() {
    return name + ".zip";
  }
}
