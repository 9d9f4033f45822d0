package org.cinerec.cli;

import org.cinerec.eval.EvalOptions;
import picocli.CommandLine.Option;

/** The evaluation options shared by evaluate, compare and tune. */
final class EvalFlags {

  @Option(names = "--k", split = ",", paramLabel = "K",
      description = "Cut-offs of the top-N metrics (Precision/Recall/NDCG/MAP/HitRate/coverage). Default: 5,10,20.")
  int[] ks = EvalOptions.DEFAULT_KS.clone();

  @Option(names = "--threshold", paramLabel = "RATING",
      description = "Count a test rating as relevant for top-N metrics only when it is at least RATING. "
          + "Default: every test rating is relevant.")
  Double threshold;

  @Option(names = "--no-ranking", description = "Measure only RMSE/MAE (skip scoring every user against the catalogue).")
  boolean noRanking;

  @Option(names = "--diversity", paramLabel = "0..1", defaultValue = "0",
      description = "Rank each user's top-N list as the service does at this diversity (recommend --diversity, "
          + "the API's diversity): MMR over the model's item vectors, for models with them (mf, svdpp, als, ials, "
          + "bpmf, bpr, multitask). Top-K accuracy ranks by score and does not change. Default: ${DEFAULT-VALUE}, "
          + "the plain ranking.")
  double diversity;

  EvalOptions options() {
    EvalOptions.checkDiversity(diversity);
    return new EvalOptions(ks, EvalOptions.DEFAULT_ACCURACY_KS, threshold == null ? Double.NaN : threshold, true,
        !noRanking).withDiversity(diversity);
  }
}
