package org.cinerec.model.neural;

import static org.cinerec.model.neural.MultitaskFeaturesTest.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.data.UserAttributes;
import org.cinerec.math.Rng;
import org.cinerec.model.History;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fold-in with the attributes a new user tells (age, gender, occupation) into a multitask model trained with
 * {@code --user-features}: the vector's arithmetic, the errors, and what it is for: new users ranked better
 * from their attributes alone and from a few ratings, on synthetic data whose demographics follow the taste
 * groups, with whole users held out of training.
 */
class MultitaskAttributesFoldInTest {
  static Dataset all;
  static int[] held;
  static MultitaskModel model;
  static Recommender plain;
  static Recommender popularity;

  @BeforeAll
  static void train() {
    all = SyntheticData.generate(Preset.TINY.resized("users", 400, 600, 20_000), 17, Progress.NONE);
    boolean[] out = new boolean[all.numUsers()];
    Rng rng = new Rng(17);
    List<Integer> heldList = new ArrayList<>();
    for (int u = 0; u < all.numUsers(); u++) {
      if (rng.nextDouble() < 0.15) {
        out[u] = true;
        heldList.add(u);
      }
    }
    held = heldList.stream().mapToInt(Integer::intValue).toArray();
    Ratings r = all.ratings();
    int[] rows = java.util.stream.IntStream.range(0, r.size()).filter(p -> !out[r.user(p)]).toArray();
    Dataset train = all.withRatings(r.select(rows));
    model = (MultitaskModel) ModelFamilies.trainer("multitask", params("user-features", "all")).fit(train);
    plain = ModelFamilies.trainer("multitask", params()).fit(train);
    popularity = ModelFamilies.trainer("popularity", Map.of()).fit(train);
  }

  /** User u's attributes as the data has them (name to value). */
  private static Map<String, String> attributesOf(int u) {
    UserAttributes a = all.userAttributes();
    Map<String, String> out = new LinkedHashMap<>();
    for (int k = 0; k < a.names().size(); k++) {
      out.put(a.names().get(k), a.value(u, k));
    }
    return out;
  }

  @Test
  void theModelListsItsAttributesAndTheirValues() {
    Map<String, List<String>> attrs = model.userAttributes();
    assertEquals(all.userAttributes().names(), List.copyOf(attrs.keySet()));
    assertTrue(attrs.get("gender").containsAll(List.of("F", "M")), attrs.toString());
    assertTrue(attrs.get("age").stream().allMatch(v -> Integer.parseInt(v) % 10 == 0), "ages by decade: " + attrs);
    assertEquals(Map.of(), plain.userAttributes(), "a model without user features lists none");
  }

  /**
   * Known answers: an empty history with attributes is ū plus, per attribute, her value's vector less the
   * training users' mean of that attribute's vectors; so over the training users, each given her own
   * attributes, those vectors average to ū, and two users who differ in one attribute differ by exactly the
   * difference of its two value vectors.
   */
  @Test
  void anEmptyHistoryWithAttributesIsTheMeanUserMovedByThem() {
    int d = model.meanUser().length;
    double[] sum = new double[d];
    int known = 0;
    for (int u = 0; u < all.numUsers(); u++) {
      if (model.knowsUser(u)) {
        float[] v = model.foldInVector(History.EMPTY, attributesOf(u));
        for (int a = 0; a < d; a++) {
          sum[a] += v[a];
        }
        known++;
      }
    }
    float[] mean = model.meanUser();
    for (int a = 0; a < d; a++) {
      assertEquals(mean[a], sum[a] / known, 1e-4, "dimension " + a);
    }
    org.cinerec.model.content.Features f = model.towers().users();
    float[] emb = model.towers().userFeatureEmb();
    float[] female = model.foldInVector(History.EMPTY, Map.of("gender", "F", "age", "30"));
    float[] male = model.foldInVector(History.EMPTY, Map.of("gender", "M", "age", "30"));
    int vf = f.userValueId("gender", "F");
    int vm = f.userValueId("gender", "M");
    for (int a = 0; a < d; a++) {
      assertEquals(emb[vf * d + a] - emb[vm * d + a], female[a] - male[a], 1e-5, "dimension " + a);
    }
  }

  @Test
  void tellingNothingIsThePlainFoldInAndAgesAreTakenByDecade() {
    int u = held[0];
    History h = firstRatings(u, 3);
    float[] plainFold = model.foldInVector(h, Map.of());
    assertArrayEquals(plainFold, model.foldInVector(h, Map.of("gender", " ", "age", "")), 0f, "blank: not told");
    assertEquals(null, model.foldInVector(History.EMPTY, Map.of()), "nothing at all: the fallback");
    assertFalse(model.foldIn(History.EMPTY, Map.of()).personal());
    UserScorer told = model.foldIn(History.EMPTY, Map.of("age", "34"));
    assertTrue(told.personal(), "attributes alone make a personal list");
    assertArrayEquals(model.foldInVector(History.EMPTY, Map.of("age", "30")),
        model.foldInVector(History.EMPTY, Map.of("AGE", "34")), 0f, "34 is in the 30s; names ignore case");
    assertArrayEquals(model.foldInVector(h, attributesOf(u)), model.foldInVector(h, attributesOf(u)), 0f,
        "deterministic");
    assertFalse(Arrays.equals(plainFold, model.foldInVector(h, attributesOf(u))), "attributes move the user");
    float[] s1 = new float[all.numItems()];
    float[] s2 = new float[all.numItems()];
    plain.foldIn(h, attributesOf(u)).scoreItems(s1);
    plain.foldIn(h).scoreItems(s2);
    assertArrayEquals(s2, s1, 0f, "a model without user features ignores them");
  }

  @Test
  void unknownAttributesAndValuesAreErrorsNamingWhatTheModelKnows() {
    CinerecException name = assertThrows(CinerecException.class,
        () -> model.foldIn(History.EMPTY, Map.of("shoesize", "42")));
    assertEquals("the model has no user attribute \"shoesize\"; it has age, gender, occupation", name.getMessage());
    CinerecException value = assertThrows(CinerecException.class,
        () -> model.foldIn(History.EMPTY, Map.of("gender", "X")));
    assertTrue(value.getMessage().startsWith("user attribute gender: the model knows no value \"X\"; it knows "),
        value.getMessage());
    CinerecException age = assertThrows(CinerecException.class,
        () -> model.foldIn(History.EMPTY, Map.of("age", "230")));
    assertTrue(age.getMessage().endsWith("(an age in years is taken by its decade)"), age.getMessage());
  }

  /**
   * What it is for: held-out users (never in training) ranked on the ratings they did not give, from their
   * attributes alone against popularity (what an empty history gets otherwise), and from 3 ratings with and
   * without their attributes. Measured (this data, seed 17, 69 new users): Recall@10 popularity 0.368,
   * attributes alone 0.413 (1.12×); 3 ratings 0.375, with attributes 0.390 (1.04×). The demographics are
   * noisy by design (a member has her group's age with probability 0.6, its occupation with 0.5).
   */
  @Test
  void newUsersAreRankedBetterWithTheirAttributes() {
    double pop = 0;
    double alone = 0;
    double three = 0;
    double threeTold = 0;
    for (int u : held) {
      Map<String, String> attrs = attributesOf(u);
      pop += recallAt10(popularity.foldIn(History.EMPTY), u, 0);
      alone += recallAt10(model.foldIn(History.EMPTY, attrs), u, 0);
      three += recallAt10(model.foldIn(firstRatings(u, 3)), u, 3);
      threeTold += recallAt10(model.foldIn(firstRatings(u, 3), attrs), u, 3);
    }
    int n = held.length;
    System.out.println(String.format(Locale.ROOT, "%d new users, Recall@10: popularity %.4f, attributes alone %.4f; "
        + "3 ratings %.4f, with attributes %.4f", n, pop / n, alone / n, three / n, threeTold / n));
    assertTrue(alone > 1.08 * pop, "attributes alone " + alone / n + " vs popularity " + pop / n);
    assertTrue(threeTold > 1.02 * three, "3 ratings with attributes " + threeTold / n + " vs without " + three / n);
  }

  /** The first n ratings of user u in row order (the rest are what is measured). */
  private static History firstRatings(int u, int n) {
    Ratings r = all.ratings();
    CsrIndex byUser = r.byUser();
    int m = Math.min(n, byUser.end(u) - byUser.start(u));
    int[] items = new int[m];
    float[] values = new float[m];
    for (int k = 0; k < m; k++) {
      int p = byUser.positions()[byUser.start(u) + k];
      items[k] = r.item(p);
      values[k] = r.rating(p);
    }
    return History.of(items, values);
  }

  /** Recall@10 of user u's ratings after her first {@code given}, those given left out of the candidates. */
  private static double recallAt10(UserScorer s, int u, int given) {
    assertNotNull(s);
    Ratings r = all.ratings();
    CsrIndex byUser = r.byUser();
    float[] scores = new float[all.numItems()];
    s.scoreItems(scores);
    boolean[] relevant = new boolean[all.numItems()];
    int count = 0;
    for (int k = byUser.start(u); k < byUser.end(u); k++) {
      int item = r.item(byUser.positions()[k]);
      if (k - byUser.start(u) < given) {
        scores[item] = Float.NEGATIVE_INFINITY;
      } else {
        relevant[item] = true;
        count++;
      }
    }
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
    int hits = 0;
    for (int k = 0; k < 10; k++) {
      hits += relevant[order[k]] ? 1 : 0;
    }
    return count == 0 ? 0 : (double) hits / Math.min(10, count);
  }
}
