package org.cinerec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.cinerec.Progress;
import org.cinerec.testkit.SharedData;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.model.ModelFamilies;
import org.junit.jupiter.api.Test;

/** The baselines on ml-latest-small, against Surprise's figures measured on this machine. */
class SharedDataEvaluationTest {

  @Test
  void baselineMatchesSurpriseBaselineOnlyUnderFiveFoldCrossValidation() {
    Dataset data = DataSources.load(SharedData.mlLatestSmall());
    Evaluator ratingOnly = new Evaluator(EvalOptions.defaults().withRanking(false));
    ProtocolResult r = new ProtocolRunner(ratingOnly).run(ModelFamilies.trainer("baseline", Map.of()), data,
        Protocol.parse("kfold:5"), Progress.NONE);
    // Surprise BaselineOnly (ALS, reg_i 10, reg_u 15, 10 epochs), 5 folds here: 0.8727; the issue asks <= 0.873
    assertTrue(r.mean("rmse") <= 0.873, "baseline 5-fold RMSE " + r.format("rmse"));
    assertEquals(data.ratings().size(), r.folds().stream().mapToLong(EvaluationReport::testRatings).sum());
  }

  @Test
  void topKAccuracyRanksTheWholeCatalogueOfMlLatestSmall() {
    Dataset data = DataSources.load(SharedData.mlLatestSmall());
    assertEquals(9742, data.numItems());
    EvaluationReport r = new ProtocolRunner(new Evaluator()).runFold(ModelFamilies.trainer("popularity", Map.of()),
        data, Protocol.parse("holdout").folds().get(0));
    double[] all = r.accuracy().all();
    double[] excl = r.accuracy().excludingTrain();
    for (int j = 0; j < all.length; j++) {
      assertTrue(excl[j] >= all[j]);
      assertTrue(j == 0 || all[j] >= all[j - 1]);
    }
    assertEquals(610, r.ranking().users());
  }
}
