package org.cinerec.model.neural;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.modeltest.ColdUsers;
import org.cinerec.testkit.SharedData;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a check (runs only with {@code -Dmultitask.history.foldin=true}): new users of
 * ml-latest-small (a tenth of the users held out, seed 42) folded in from 5 and 20 of their ratings, the
 * movie-feature model with and without the pooled history (docs/multitask.md, "Pooled history, measured").
 */
class MultitaskHistoryFoldInRun {
  @Test
  void foldInWithAndWithoutThePooledHistory() {
    assumeTrue(Boolean.getBoolean("multitask.history.foldin"), "a measurement: -Dmultitask.history.foldin=true");
    Dataset all = DataSources.load(SharedData.mlLatestSmall());
    ColdUsers cold = new ColdUsers(all, 0.1, 40, 42, ColdUsers.Order.RANDOM);
    for (String users : new String[] {"none", "history"}) {
      Recommender m = ModelFamilies.trainer("multitask", Map.of("item-features", "genres,year,title",
          "id-dropout", "0", "user-features", users)).fit(cold.train);
      double[] rmse = cold.rmse(m, 20);
      System.out.printf(java.util.Locale.ROOT, "RESULT user-features=%s fold-in NDCG@10 from 5 ratings %.4f, "
          + "from 20 %.4f; RMSE from 20 %.4f%n", users, cold.foldedNdcg(m, 5), cold.foldedNdcg(m, 20), rmse[0]);
    }
  }
}
