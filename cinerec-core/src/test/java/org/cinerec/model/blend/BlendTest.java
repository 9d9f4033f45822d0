package org.cinerec.model.blend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlendTest {
  static Dataset data;

  @BeforeAll
  static void data() {
    data = SyntheticData.generate(Preset.TINY.resized("blend", 150, 400, 9_000), 11, Progress.NONE);
  }

  static Recommender fit(Map<String, String> p) {
    return ModelFamilies.trainer("blend", p).fit(data);
  }

  @Test
  void theFeaturesAreTheCommentsFormula() {
    double[] x = new double[BlendFeatures.count(2)];
    BlendFeatures.fill(x, new float[] {4f, 3f}, 3.5, 9, 0);
    double su = Math.log(10);
    assertArrayEquals(new double[] {1, su, 0, 0.5, -0.5, 0.5 * su, -0.5 * su, 0, 0}, x, 1e-12);
    assertEquals("mf × log1p(movie support)", BlendFeatures.names(new String[] {"baseline", "mf"})[8]);
  }

  @Test
  void onItsHoldoutTheBlendIsNoWorseThanAnyMember() {
    // least squares over features that can reproduce each member (intercept μ, its d_k with weight 1) cannot
    // do worse than that member in sample; with λ ≈ 0 that is the blend's in-sample RMSE
    Recommender m = fit(Map.of("members", "baseline,mf,itemknn", "ridge", "0", "refit", "false"));
    Map<String, Double> metrics = m.info().history().get(0).metrics();
    double blend = metrics.get("holdout_rmse_blend_in_sample");
    for (String k : new String[] {"baseline", "mf", "itemknn"}) {
      assertTrue(blend <= metrics.get("holdout_rmse_" + k) + 1e-9, k + ": " + metrics);
    }
    assertTrue(blend < metrics.get("holdout_rmse_baseline") - 0.005, metrics.toString());
  }

  @Test
  void theHoldoutIsTheHashSplitOfTheTrainingRows() {
    int[] hold = BlendTrainer.holdout(data, 42, 0.1);
    Ratings r = data.ratings();
    assertTrue(hold.length > 0.08 * r.size() && hold.length < 0.12 * r.size(), hold.length + " of " + r.size());
    assertArrayEquals(hold, BlendTrainer.holdout(data, 42, 0.1));
    int[] other = BlendTrainer.holdout(data, 43, 0.1);
    assertTrue(!java.util.Arrays.equals(hold, other));
  }

  @Test
  void membersTakeTheBlendsSeedAndTheirOwnParameters() {
    Map<String, String> given = new HashMap<>(Map.of("members", "mf,baseline", "member-params", "mf.factors=7",
        "seed", "5"));
    Recommender m = fit(given);
    BlendModel b = (BlendModel) m;
    ModelInfo mf = b.members().get(0).info();
    assertEquals("mf", mf.kind());
    assertEquals("7", mf.params().get("factors"));
    assertEquals(5, mf.seed());
    assertEquals(BlendFeatures.count(2), b.weights().length);
  }

  @Test
  void badMembersAreUsageErrorsNamingTheFlag() {
    String[][] cases = {
        {"members", "mf,nope", "unknown model \"nope\""},
        {"members", "mf,mf", "\"mf\" is given twice"},
        {"members", "blend", "cannot be a member"},
        {"members", " , ", "give at least one model"},
        {"member-params", "mf.factors", "is not KIND.NAME=VALUE"},
        {"member-params", "svdpp.factors=3", "\"svdpp\" is not among --members"},
        {"member-params", "mf.colour=3", "the mf model has no parameter \"colour\""},
    };
    for (String[] c : cases) {
      Map<String, String> p = new HashMap<>(Map.of("members", "mf,baseline"));
      p.put(c[0], c[1]);
      CinerecException e = assertThrows(CinerecException.class, () -> fit(p), c[1]);
      assertTrue(e.getMessage().contains(c[2]), e.getMessage());
    }
    CinerecException e = assertThrows(CinerecException.class, () -> fit(Map.of("members", "mf,bpr")));
    assertTrue(e.getMessage().contains("the bpr model only ranks movies"), e.getMessage());
  }
}
