package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cinerec.serve.Filters;
import org.cinerec.serve.MovieRating;
import org.cinerec.serve.PopularityPrior;
import org.cinerec.serve.RecommendRequest;
import org.cinerec.serve.ServingModel;
import org.cinerec.serve.Subject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * recommend, similar and predict through the serving path: --json is the serving records' schema, and the
 * list flags (--genre, --all-genres, --year-from/--year-to, --exclude, --offset, --diversity, --explain, --rate)
 * do what they say. Data: {@link CliFixture#movieLens} (movies 1 and 2 are the only comedies; movie m is
 * "Movie Number m (1960 + m)").
 */
class ServingFlagsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static Path mf;
  static Path ease;
  static Path data;

  @BeforeAll
  static void train() throws Exception {
    data = CliFixture.movieLens(dir.resolve("ml"));
    mf = dir.resolve("mf.cinerec");
    ease = dir.resolve("ease.cinerec");
    for (Path out : new Path[] {mf, ease}) {
      String kind = out.getFileName().toString().replace(".cinerec", "");
      CliFixture.Run r = CliFixture.run("train", data.toString(), "--model", kind, "--out", out.toString(),
          "--no-eval");
      assertEquals(0, r.code(), r.err());
    }
  }

  static JsonNode json(String... args) throws Exception {
    CliFixture.Run r = CliFixture.run(args);
    assertEquals(0, r.code(), r.err());
    return JSON.readTree(r.out());
  }

  static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.get("movieId").asText()));
    return out;
  }

  @Test
  void recommendJsonIsTheServingRecordsSchema() throws Exception {
    JsonNode cli = json("recommend", mf.toString(), "--user", "4", "-k", "4", "--offset", "1", "--genre", "drama",
        "--year-to", "1995", "--exclude", "5,6", "--json");
    ServingModel s = CliSupport.serving(mf);
    var direct = s.recommend(RecommendRequest.builder(Subject.user("4")).k(4).offset(1).filters(
        new Filters(Set.of("drama"), Set.of(), null, 1995, Set.of("5", "6"))).build());
    assertEquals(JSON.readTree(JSON.writeValueAsString(direct)), cli);
    assertEquals("mf", cli.get("model").asText());
    assertEquals("mf", cli.get("kind").asText());
    // versioned as the HTTP API versions it: by the file's content, not its training time
    assertEquals(org.cinerec.store.ModelFile.read(mf).contentId(), cli.get("modelVersion").asText());
    assertTrue(cli.get("modelVersion").asText().matches("[0-9a-f]{12}"), cli.toString());
    assertEquals(4, cli.get("recommendations").size());
    assertEquals(2, cli.get("recommendations").get(0).get("rank").asInt());
    for (JsonNode m : cli.get("recommendations")) {
      assertTrue(m.get("year").asInt() <= 1995, m.toString());
      assertFalse(Set.of("5", "6").contains(m.get("movieId").asText()), m.toString());
      assertEquals("Drama", m.get("genres").get(0).asText());
    }
  }

  @Test
  void genreYearExcludeAndOffsetFilterBeforeTheTopK() throws Exception {
    JsonNode comedies = json("recommend", mf.toString(), "--user", "4", "--include-rated", "--genre", "Comedy",
        "--json");
    assertEquals(Set.of("1", "2"), Set.copyOf(ids(comedies.get("recommendations"))));
    JsonNode both = json("recommend", mf.toString(), "--user", "4", "--include-rated", "--genre", "Comedy",
        "--genre", "Animation", "--all-genres", "--year-from", "1996", "--json");
    assertEquals(List.of("2"), ids(both.get("recommendations")));
    JsonNode nineties = json("recommend", mf.toString(), "--user", "4", "-k", "40", "--year-from", "1990",
        "--year-to", "1999", "--exclude", "Toy Story 2", "--json");
    for (JsonNode m : nineties.get("recommendations")) {
      int y = m.get("year").asInt();
      assertTrue(y >= 1990 && y <= 1999, m.toString());
      assertFalse(m.get("movieId").asText().equals("2"));
    }
    List<String> ten = ids(json("recommend", mf.toString(), "--user", "7", "-k", "10", "--json")
        .get("recommendations"));
    List<String> page2 = ids(json("recommend", mf.toString(), "--user", "7", "-k", "5", "--offset", "5", "--json")
        .get("recommendations"));
    assertEquals(ten.subList(5, 10), page2);
    CliFixture.Run text = CliFixture.run("recommend", mf.toString(), "--user", "4", "--genre", "Drama",
        "--year-from", "1990", "-k", "5");
    assertTrue(text.out().startsWith("filters: genre Drama, released 1990 or later\ntop 5 for user 4 (mf model, "
        + "rated movies left out)\n"), text.out());
  }

  @Test
  void aNewPersonsRatingsAreFoldedInExplainedAndLeftOut() throws Exception {
    JsonNode r = json("recommend", ease.toString(), "--rate", "Toy Story (1995)=5", "--rate", "3=1", "--rate",
        "10=4.5", "-k", "5", "--explain", "--json");
    assertTrue(r.get("user").isNull());
    assertTrue(r.get("personal").asBoolean());
    assertEquals(3, r.get("excludedRated").asInt());
    assertFalse(ids(r.get("recommendations")).contains("1"));
    boolean explained = false;
    for (JsonNode m : r.get("recommendations")) {
      for (JsonNode why : m.get("reasons")) {
        explained = true;
        assertTrue(Set.of("1", "10").contains(why.get("movieId").asText()), why.toString());
        assertTrue(why.get("text").asText().startsWith("because you rated "), why.toString());
      }
    }
    assertTrue(explained, r.toString());
    CliFixture.Run text = CliFixture.run("recommend", ease.toString(), "--rate", "1=5", "--rate", "10=4.5", "-k",
        "3", "--explain");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().startsWith("top 3 for your 2 ratings (ease model, rated movies left out)\n"), text.out());
    assertTrue(text.out().contains("\n        because you rated "), text.out());
    JsonNode p = json("predict", ease.toString(), "--rate", "1=5", "--movie", "2", "--json");
    assertTrue(p.get("user").isNull());
    assertEquals("2", p.at("/movie/movieId").asText());
    // several in one flag, as the comma-separated flags elsewhere: the same list as one flag each
    JsonNode listed = json("recommend", ease.toString(), "--rate", "1=5,10=4.5", "-k", "3", "--json");
    JsonNode each = json("recommend", ease.toString(), "--rate", "1=5", "--rate", "10=4.5", "-k", "3", "--json");
    assertEquals(2, listed.get("excludedRated").asInt());
    assertEquals(ids(each.get("recommendations")), ids(listed.get("recommendations")));
    CliFixture.Run listedText = CliFixture.run("recommend", ease.toString(), "--rate", "1=5,10=4.5", "-k", "3");
    assertTrue(listedText.out().startsWith("top 3 for your 2 ratings "), listedText.out());
    CliFixture.Run off = CliFixture.run("recommend", ease.toString(), "--rate", "1=9");
    assertEquals(1, off.code());
    assertTrue(off.err().contains("rating 9 of movie 1 is off the data's scale 0.5..5 in steps of 0.5"), off.err());
  }

  @Test
  void aPopularityPriorBlendsANewPersonsListWithTheMostRatedMovies() throws Exception {
    JsonNode plain = json("recommend", ease.toString(), "--rate", "1=5", "-k", "5", "--json");
    JsonNode off = json("recommend", ease.toString(), "--rate", "1=5", "-k", "5", "--popularity-prior", "off",
        "--json");
    assertEquals(plain, off);
    JsonNode blended = json("recommend", ease.toString(), "--rate", "1=5", "-k", "5", "--popularity-prior", "1,100",
        "--json");
    ServingModel s = CliSupport.serving(ease).withPrior(new PopularityPrior.Schedule(1, 100));
    var direct = s.recommend(RecommendRequest.builder(Subject.anonymous(List.of(new MovieRating("1", 5)))).k(5)
        .build());
    assertEquals(JSON.readTree(JSON.writeValueAsString(direct)), blended);
    CliFixture.Run bad = CliFixture.run("recommend", ease.toString(), "--rate", "1=5", "--popularity-prior", "1");
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("error: --popularity-prior \"1\" is not W0,N"), bad.err());
    CliFixture.Run user = CliFixture.run("recommend", ease.toString(), "--user", "4", "--popularity-prior", "1,10");
    assertEquals(2, user.code());
    assertTrue(user.err().startsWith("error: --popularity-prior goes with --rate"), user.err());
  }

  @Test
  void diversityNeedsMovieVectorsAndKeepsTheBestFirst() throws Exception {
    JsonNode plain = json("recommend", mf.toString(), "--user", "4", "-k", "6", "--json");
    JsonNode diverse = json("recommend", mf.toString(), "--user", "4", "-k", "6", "--diversity", "0.8", "--json");
    assertEquals(0.8, diverse.get("diversity").asDouble());
    assertEquals(6, diverse.get("recommendations").size());
    assertEquals(plain.get("recommendations").get(0), diverse.get("recommendations").get(0));
    CliFixture.Run e = CliFixture.run("recommend", ease.toString(), "--user", "4", "--diversity", "0.5");
    assertEquals(1, e.code());
    assertTrue(e.err().startsWith("error: diversity needs item vectors, and the ease model has none"), e.err());
  }

  /**
   * {@code --attribute}: someone new tells her age and gender; a multitask model trained with user features folds
   * them in (with no rating at all, or with hers), other models say they do not use them, and an attribute or
   * value the model does not know is a usage error naming what it knows.
   */
  @Test
  void aNewPersonsAttributesReachAModelWithUserFeatures() throws Exception {
    Path syn = dir.resolve("syn");
    assertEquals(0, CliFixture.run("generate", "--preset", "tiny", "--seed", "5", "--out", syn.toString()).code());
    Path mt = dir.resolve("mt-users.cinerec");
    CliFixture.Run t = CliFixture.run("train", syn.toString(), "--model", "multitask", "--user-features", "all",
        "--epochs", "2", "--out", mt.toString(), "--no-eval");
    assertEquals(0, t.code(), t.err());
    CliFixture.Run told = CliFixture.run("recommend", mt.toString(), "--attribute", "age=34", "--attribute",
        "gender=F", "-k", "3");
    assertEquals(0, told.code(), told.err());
    assertTrue(told.out().startsWith("top 3 for age=34, gender=F (multitask model"), told.out());
    JsonNode woman = json("recommend", mt.toString(), "--attribute", "gender=F", "-k", "3", "--json");
    JsonNode man = json("recommend", mt.toString(), "--attribute", "gender=M", "-k", "3", "--json");
    JsonNode nobody = json("recommend", mt.toString(), "--rate", "1=4", "-k", "3", "--json");
    JsonNode withRating = json("recommend", mt.toString(), "--rate", "1=4", "--attribute", "gender=F", "-k", "3",
        "--json");
    assertTrue(!woman.get("recommendations").get(0).get("score").equals(man.get("recommendations").get(0)
        .get("score")), "the attribute moves the scores");
    assertTrue(!nobody.get("recommendations").equals(withRating.get("recommendations")), "with a rating too");
    // with a popularity prior, what she told still counts before any rating (the prior weighs w0, not 1)
    JsonNode priorWoman = json("recommend", mt.toString(), "--attribute", "gender=F", "-k", "5",
        "--popularity-prior", "0.5,100", "--json");
    JsonNode priorMan = json("recommend", mt.toString(), "--attribute", "gender=M", "-k", "5",
        "--popularity-prior", "0.5,100", "--json");
    assertTrue(!priorWoman.get("recommendations").get(0).get("score").equals(priorMan.get("recommendations").get(0)
        .get("score")), "the attribute moves the scores under the prior too");
    assertTrue(priorWoman.get("notes").toString().contains("popularity weighs 0.50 of each score after 0 ratings "
        + "and what the user told"), priorWoman.get("notes").toString());
    CliFixture.Run both = CliFixture.run("recommend", mt.toString(), "--rate", "1=4", "--attribute", "age=34");
    assertTrue(both.out().startsWith("top 10 for your 1 rating and age=34 "), both.out());
    JsonNode eased = json("recommend", ease.toString(), "--rate", "1=5", "--attribute", "age=34", "--json");
    assertEquals("the ease model uses no user attributes: age not used", eased.get("notes").get(0).asText());
    CliFixture.Run shoe = CliFixture.run("recommend", mt.toString(), "--attribute", "shoesize=42");
    assertEquals(2, shoe.code());
    assertEquals("error: the model has no user attribute \"shoesize\"; it has age, gender, occupation",
        shoe.err().strip());
    CliFixture.Run value = CliFixture.run("predict", mt.toString(), "--attribute", "gender=X", "--movie", "1");
    assertEquals(2, value.code());
    assertEquals("error: user attribute gender: the model knows no value \"X\"; it knows F, M", value.err().strip());
    for (String[] args : new String[][] {
        {"recommend", mt.toString(), "--attribute", "age"},
        {"recommend", mt.toString(), "--attribute", "age=3", "--attribute", "age=4"},
        {"recommend", mt.toString(), "--user", "1", "--attribute", "age=34"}}) {
      CliFixture.Run r = CliFixture.run(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
    }
  }

  @Test
  void badFlagsAreUsageErrorsAndAmbiguousTitlesListTheCandidates() {
    for (String[] args : new String[][] {
        {"recommend", mf.toString()},
        {"recommend", mf.toString(), "--user", "1", "--rate", "1=4"},
        {"recommend", mf.toString(), "--user", "1", "-k", "1001"},
        {"recommend", mf.toString(), "--user", "1", "--offset", "-1"},
        {"recommend", mf.toString(), "--user", "1", "--diversity", "1.5"},
        {"recommend", mf.toString(), "--user", "1", "--all-genres"},
        {"recommend", mf.toString(), "--rate", "1"},
        {"similar", mf.toString(), "--movie", "1", "--year-from", "2000", "--year-to", "1990"},
        {"predict", mf.toString(), "--movie", "1"}}) {
      CliFixture.Run r = CliFixture.run(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
    }
    CliFixture.Run r = CliFixture.run("similar", mf.toString(), "--movie", "movie number 1");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: 10 movies match \"movie number 1\"; give the year or the id: Movie Number "
        + "10 (1970) [movieId 10]; "), r.err());
    r = CliFixture.run("recommend", mf.toString(), "--user", "1", "--genre", "Westerns");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("unknown genre \"Westerns\"; the catalogue's genres: Adventure, Animation"), r.err());
  }

  @Test
  void similarTakesTheListFlags() throws Exception {
    JsonNode all = json("similar", mf.toString(), "--movie", "5", "-k", "30", "--json");
    JsonNode page = json("similar", mf.toString(), "--movie", "5", "-k", "3", "--offset", "2", "--year-from",
        "1980", "--json");
    List<String> expected = new ArrayList<>();
    for (JsonNode m : all.get("similar")) {
      if (m.get("year").asInt() >= 1980) {
        expected.add(m.get("movieId").asText());
      }
    }
    assertEquals(expected.subList(2, 5), ids(page.get("similar")));
    assertEquals("5", page.at("/movie/movieId").asText());
  }

  @Test
  void withDataAUsersReasonsCarryTheirRatings() throws Exception {
    JsonNode r = json("recommend", mf.toString(), "--user", "4", "-k", "5", "--data", data.toString(), "--explain",
        "--json");
    JsonNode plain = json("recommend", mf.toString(), "--user", "4", "-k", "5", "--json");
    assertEquals(ids(plain.get("recommendations")), ids(r.get("recommendations")));
    boolean explained = false;
    for (JsonNode m : r.get("recommendations")) {
      for (JsonNode why : m.get("reasons")) {
        explained = true;
        assertTrue(why.get("rating").isNumber(), why.toString());
        assertTrue(why.get("text").asText().endsWith("★"), why.toString());
      }
    }
    assertTrue(explained, r.toString());
    CliFixture.Run text = CliFixture.run("recommend", mf.toString(), "--user", "4", "-k", "5", "--data",
        data.toString(), "--explain");
    assertTrue(text.out().contains("\n        because you rated Movie Number "), text.out());
  }

  /**
   * --data is read as the model's data was, and reader flags go over that: the same ratings as a TSV under
   * other column names leave out the same movies; flags without --data are a usage error.
   */
  @Test
  void readerFlagsReadAnotherLayoutOfTheData() throws Exception {
    List<String> lines = Files.readAllLines(data.resolve("ratings.csv"));
    List<String> renamed = new ArrayList<>(List.of("who\tfilm\tstars"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      renamed.add(f[0] + "\t" + f[1] + "\t" + f[2]);
    }
    Path tsv = Files.write(dir.resolve("renamed.tsv"), renamed);
    JsonNode viaFlags = json("recommend", mf.toString(), "--user", "4", "-k", "5", "--data", tsv.toString(),
        "--user-col", "who", "--item-col", "film", "--rating-col", "stars", "--json");
    JsonNode viaData = json("recommend", mf.toString(), "--user", "4", "-k", "5", "--data", data.toString(),
        "--json");
    assertEquals(viaData.get("excludedRated"), viaFlags.get("excludedRated"));
    assertEquals(ids(viaData.get("recommendations")), ids(viaFlags.get("recommendations")));
    CliFixture.Run noData = CliFixture.run("recommend", mf.toString(), "--user", "4", "--user-col", "who");
    assertEquals(2, noData.code());
    assertEquals("error: --user-col who: reader flags apply to --data DATA, which is not given",
        noData.err().lines().findFirst().orElse(""));
  }

  @Test
  void allUsersWritesEveryUsersListAsTheOneUserCommandGivesIt() throws Exception {
    Path out = dir.resolve("lists/all.csv");
    CliFixture.Run r = CliFixture.run("recommend", mf.toString(), "--all-users", "-k", "3", "--genre", "drama",
        "--year-from", "1965", "--data", data.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    List<String> lines = Files.readAllLines(out);
    assertEquals("userId,rank,movieId,title,year,score,predicted,personal", lines.get(0));
    java.util.Map<String, List<String[]>> byUser = new java.util.LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertEquals(8, f.length, line);
      byUser.computeIfAbsent(f[0], u -> new ArrayList<>()).add(f);
    }
    ServingModel s = CliSupport.serving(mf);
    List<String> users = List.of(s.model().users().ids());
    assertEquals(users, List.copyOf(byUser.keySet()), "every user, in the model's order");
    assertTrue(r.err().contains("recommended to " + users.size() + " users (mf model, rated movies left out)"),
        r.err());
    assertTrue(r.err().contains((lines.size() - 1) + " rows to " + out), r.err());
    for (String user : users) {
      JsonNode list = json("recommend", mf.toString(), "--user", user, "-k", "3", "--genre", "drama", "--year-from",
          "1965", "--data", data.toString(), "--json");
      JsonNode one = list.get("recommendations");
      List<String[]> rows = byUser.get(user);
      assertEquals(one.size(), rows.size(), user);
      for (int k = 0; k < rows.size(); k++) {
        JsonNode m = one.get(k);
        String[] f = rows.get(k);
        assertEquals(List.of(m.get("rank").asText(), m.get("movieId").asText(), m.get("year").asText()),
            List.of(f[1], f[2], f[4]), user);
        assertTrue(m.get("title").asText().startsWith(f[3] + " ("), f[3]);
        assertEquals(m.get("score").floatValue(), Float.parseFloat(f[5]), 0f, user);
        assertEquals(m.get("predictedRating").floatValue(), Float.parseFloat(f[6]), 0f, user);
        assertEquals(list.get("personal").asText(), f[7], user);
      }
    }
  }

  @Test
  void allUsersGoesToStandardOutputAndRefusesWhatItCannotDo() {
    CliFixture.Run r = CliFixture.run("recommend", ease.toString(), "--all-users", "-k", "2");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("userId,rank,movieId,title,year,score,predicted,personal", lines.get(0));
    assertEquals(1 + 2 * CliSupport.serving(ease).model().users().size(), lines.size(), "two movies a user");
    assertTrue(lines.get(1).matches(".*,,(true|false)"), "ease predicts no rating: " + lines.get(1));
    assertTrue(r.err().contains("rows to standard output"), r.err());
    for (String[] args : new String[][] {{"--user", "1"}, {"--rate", "1=4"}, {"--explain"}, {"--json"},
        {"--popularity-prior", "1,100"}, {"--format", "csv"}}) {
      List<String> all = new ArrayList<>(List.of("recommend", ease.toString(), "--all-users"));
      all.addAll(List.of(args));
      CliFixture.Run bad = CliFixture.run(all.toArray(new String[0]));
      assertEquals(2, bad.code(), String.join(" ", args) + ": " + bad.err());
      assertTrue(bad.err().contains(args[0]) || bad.err().contains("--all-users"), bad.err());
      assertFalse(bad.err().contains("Exception"), bad.err());
    }
    CliFixture.Run lone = CliFixture.run("recommend", ease.toString(), "--user", "1", "--out", "x.csv");
    assertEquals(2, lone.code());
    assertTrue(lone.err().contains("--out goes with --all-users"), lone.err());
  }
}
