package org.cinerec.synth;

import org.cinerec.math.Rng;

/**
 * Made-up, readable movie titles ("The Silent Harbor", "Night of the Wolves", "Crimson Empire II"),
 * flavoured by the movie's first genre so a word cloud of a genre looks like one.
 */
final class Titles {
  private Titles() {}

  static final String[] GENRES = {"Action", "Adventure", "Animation", "Children", "Comedy", "Crime",
      "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance",
      "Sci-Fi", "Thriller", "War", "Western"};

  /** Share of ml-latest-small movies having each genre (counts / 9,742), in {@link #GENRES} order. */
  static final double[] GENRE_SHARE = {0.188, 0.130, 0.063, 0.068, 0.386, 0.123, 0.045, 0.448, 0.080, 0.009,
      0.100, 0.016, 0.034, 0.059, 0.164, 0.101, 0.194, 0.039, 0.017};

  private static final String[] ADJECTIVES = {"Silent", "Crimson", "Broken", "Golden", "Last", "Hidden",
      "Wild", "Lost", "Secret", "Burning", "Frozen", "Distant", "Electric", "Forgotten", "Little", "Endless",
      "Dark", "Bright", "Falling", "Restless", "Quiet", "Savage", "Midnight", "Paper", "Iron", "Blue",
      "Second", "Perfect", "Strange", "Sweet", "Hollow", "Northern", "Velvet", "Final", "Rising", "Wandering"};

  private static final String[] NOUNS = {"Harbor", "Summer", "City", "River", "Road", "Heart", "Garden",
      "Island", "Letter", "Mountain", "House", "Promise", "Season", "Station", "Window", "Kingdom", "Dream",
      "Horizon", "Shadow", "Storm", "Bridge", "Voyage", "Stranger", "Circle", "Mirror", "Empire", "Light",
      "Echo", "Valley", "Signal", "Hour", "Crossing", "Family", "Game", "Story", "Legacy"};

  /** Genre-flavoured nouns, in {@link #GENRES} order. */
  private static final String[][] FLAVOUR = {
      {"Fury", "Strike", "Vengeance", "Bullet", "Siege", "Protocol"},
      {"Quest", "Treasure", "Expedition", "Jungle", "Map", "Odyssey"},
      {"Bunny", "Dragon", "Robot", "Penguin", "Toys", "Cloud"},
      {"Puppy", "Treehouse", "Birthday", "Friends", "Pony", "Magic"},
      {"Wedding", "Weekend", "Roommates", "Vacation", "Mix-Up", "Party"},
      {"Heist", "Gangster", "Alibi", "Witness", "Racket", "Mob"},
      {"Truth", "Planet", "Voices", "Chronicle", "Portrait", "Journey"},
      {"Life", "Mother", "Son", "Years", "Silence", "Grace"},
      {"Sorcerer", "Crown", "Spell", "Realm", "Unicorn", "Prophecy"},
      {"Rain", "Detective", "Blonde", "Cigarette", "Double", "Dame"},
      {"Blood", "Curse", "Possession", "Graveyard", "Scream", "Darkness"},
      {"Ocean", "Galaxy", "Everest", "Volcano", "Reef", "Flight"},
      {"Song", "Dance", "Broadway", "Melody", "Rhythm", "Stage"},
      {"Riddle", "Clue", "Disappearance", "Manor", "Puzzle", "Cipher"},
      {"Love", "Kiss", "Paris", "Valentine", "Romance", "Sweetheart"},
      {"Android", "Starship", "Colony", "Mars", "Clone", "Orbit"},
      {"Conspiracy", "Hostage", "Pursuit", "Trap", "Target", "Fear"},
      {"Battalion", "Trenches", "Front", "Soldier", "Victory", "Armistice"},
      {"Outlaw", "Sheriff", "Frontier", "Saddle", "Canyon", "Gunslinger"}};

  private static final String[] SEQUEL = {" II", " III", " 2", ": Part Two", " Returns"};

  /** A title for a movie whose first genre is {@code genre}. */
  static String make(Rng rng, int genre) {
    String noun = rng.nextInt(2) == 0 ? pick(rng, FLAVOUR[genre]) : pick(rng, NOUNS);
    String title = switch (rng.nextInt(7)) {
      case 0 -> "The " + pick(rng, ADJECTIVES) + " " + noun;
      case 1 -> noun + " of the " + pick(rng, NOUNS) + "s";
      case 2 -> pick(rng, ADJECTIVES) + " " + noun;
      case 3 -> "The " + noun;
      case 4 -> noun + " and " + pick(rng, FLAVOUR[genre]);
      case 5 -> "A " + pick(rng, ADJECTIVES) + " " + noun;
      default -> pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS) + ": The " + noun;
    };
    return rng.nextInt(25) == 0 ? title + pick(rng, SEQUEL) : title;
  }

  private static String pick(Rng rng, String[] words) {
    return words[rng.nextInt(words.length)];
  }
}
