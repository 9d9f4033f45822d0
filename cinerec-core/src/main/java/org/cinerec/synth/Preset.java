package org.cinerec.synth;

import java.util.List;
import java.util.Locale;
import org.cinerec.CinerecException;

/**
 * The size and shape of a synthetic dataset. The named presets copy the shape of the MovieLens release
 * they are named after (users, movies, ratings, time range).
 *
 * @param name        preset name ({@code small}, {@code 25m}, ...)
 * @param users       number of users (each rates at least {@link #MIN_RATINGS})
 * @param items       number of movies in the catalogue (a few of the least popular may get no rating)
 * @param ratings     target number of ratings (the result is within a fraction of a percent of it)
 * @param zipf        exponent of the Zipf-like movie popularity {@code 1/(rank+offset)^zipf}
 * @param offset      rank offset of the popularity (larger flattens the head)
 * @param firstSecond earliest rating time, Unix seconds
 * @param lastSecond  latest rating time, Unix seconds
 * @param style       how ratings and ids are written ({@link Style#MOVIELENS} for the MovieLens presets)
 */
public record Preset(String name, int users, int items, long ratings, double zipf, double offset, long firstSecond,
    long lastSecond, Style style) {

  /**
   * How a preset's data looks on disk.
   *
   * @param layout   {@code "csv"}: MovieLens CSV (ratings.csv, movies.csv); {@code "dat"}: the {@code ::}
   *                 layout (ratings.dat {@code user::movie::rating::timestamp}, movies.dat
   *                 {@code id::Title (year)::Genre|Genre})
   * @param min      lowest rating
   * @param max      highest rating
   * @param step     rating step; the MovieLens style mixes whole-star and half-star users
   * @param idDigits 0: movie ids 1..N; else IMDb-like numbers written in the catalogue zero-padded to this
   *                 many digits ({@code 0770828}) and in the ratings without the zeros ({@code 770828}), as
   *                 MovieTweetings does
   */
  public record Style(String layout, float min, float max, float step, int idDigits) {
    /** MovieLens: CSV, 0.5..5 (35% of users whole stars, the others half stars), ids 1..N. */
    public static final Style MOVIELENS = new Style("csv", 0.5f, 5f, 0.5f, 0);
    /** MovieTweetings: the {@code ::} layout, whole ratings 0..10, 7-digit zero-padded catalogue ids. */
    public static final Style TWEETINGS = new Style("dat", 0f, 10f, 1f, 7);

    public Style {
      if (!layout.equals("csv") && !layout.equals("dat")) {
        throw new IllegalArgumentException("layout must be csv or dat, got " + layout);
      }
      if (!(max > min) || !(step > 0) || idDigits < 0 || idDigits > 9) {
        throw new IllegalArgumentException("bad style: " + min + ".." + max + " step " + step + ", " + idDigits
            + " id digits");
      }
    }
  }

  /** A preset in the MovieLens style. */
  public Preset(String name, int users, int items, long ratings, double zipf, double offset, long firstSecond,
      long lastSecond) {
    this(name, users, items, ratings, zipf, offset, firstSecond, lastSecond, Style.MOVIELENS);
  }

  /** Every user has at least this many ratings, as in MovieLens. */
  public static final int MIN_RATINGS = 20;

  /** A few hundred ratings: for tests and quick looks. */
  public static final Preset TINY = new Preset("tiny", 50, 500, 3_000, 0.9, 10, 828_000_000L, 1_537_800_000L);
  /** ml-latest-small: 610 users, 9,742 movies, 100,836 ratings, 1996-03-29..2018-09-24. */
  public static final Preset SMALL = new Preset("small", 610, 9_742, 100_836, 1.1, 30, 828_000_000L, 1_537_800_000L);
  /** ml-1m: 6,040 users, 3,706 movies, 1,000,209 ratings (2000-04-25..2003-02-28). */
  public static final Preset ML_1M = new Preset("1m", 6_040, 3_706, 1_000_209, 1.0, 30, 956_700_000L, 1_046_500_000L);
  /**
   * 5,000,000 ratings, between ml-1m and ml-25m (no MovieLens release has this size): users and movies are
   * the geometric means of theirs (5M is half way from 1M to 25M on a log scale), 31,333 users and 15,210
   * movies (about 160 ratings a user, as both have); the popularity's exponent and offset half way too
   * (1.4, 55); ml-25m's time range. For the scale table (time and memory versus data size).
   */
  public static final Preset SYN_5M = new Preset("5m", 31_333, 15_210, 5_000_000, 1.4, 55, 789_600_000L,
      1_574_300_000L);
  /** ml-25m: 162,541 users, 62,423 movies, 25,000,095 ratings, 1995-01-09..2019-11-21. */
  public static final Preset ML_25M = new Preset("25m", 162_541, 62_423, 25_000_095, 1.8, 100, 789_600_000L,
      1_574_300_000L);

  /**
   * Shaped like the MovieTweetings data a user found mishandled: 100,000 ratings from 0 to 10 of 10,506
   * movies in the {@code ::} layout, catalogue ids zero-padded and rating ids not (2013-02..2020-09).
   */
  public static final Preset TWEETINGS = new Preset("tweetings", 4_000, 10_506, 100_000, 1.0, 30, 1_361_700_000L,
      1_600_000_000L, Style.TWEETINGS);

  public static final List<Preset> ALL = List.of(TINY, SMALL, ML_1M, SYN_5M, ML_25M, TWEETINGS);

  public Preset {
    if (users < 1 || items < MIN_RATINGS * 2 || ratings < (long) users * MIN_RATINGS) {
      throw new IllegalArgumentException("preset " + name + ": needs users >= 1, items >= " + 2 * MIN_RATINGS
          + " and ratings >= users * " + MIN_RATINGS + "; got " + users + ", " + items + ", " + ratings);
    }
    if (ratings > Integer.MAX_VALUE - 8 || ratings > (long) users * (items / 2)) {
      throw new IllegalArgumentException("preset " + name + ": " + ratings + " ratings do not fit " + users
          + " users rating at most half of " + items + " movies each");
    }
    if (!(zipf > 0) || !(offset >= 1) || firstSecond < 0 || lastSecond <= firstSecond) {
      throw new IllegalArgumentException("preset " + name + ": bad zipf " + zipf + " or time range");
    }
    if (style == null) {
      throw new IllegalArgumentException("preset " + name + ": no style");
    }
    if (style.idDigits() > 0 && items >= SyntheticData.ID_MODULUS) {
      throw new IllegalArgumentException("preset " + name + ": " + items + " movies do not fit IMDb-like ids below "
          + SyntheticData.ID_MODULUS);
    }
  }

  /** The preset of this name (case-insensitive); also accepts "ml-latest-small" and "ml-25m". */
  public static Preset byName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("ml-latest-small", "small").replace("ml-", "");
    for (Preset p : ALL) {
      if (p.name.equals(n)) {
        return p;
      }
    }
    throw CinerecException.usage("--preset \"" + name + "\" is unknown; use one of "
        + String.join(", ", ALL.stream().map(Preset::name).toList()));
  }

  /** A preset of another size, same shape parameters. */
  public Preset resized(String newName, int newUsers, int newItems, long newRatings) {
    return new Preset(newName, newUsers, newItems, newRatings, zipf, offset, firstSecond, lastSecond, style);
  }
}
