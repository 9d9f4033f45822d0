package org.cinerec.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.math.TopK;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of ranking the whole catalogue for every user, the heart of top-N evaluation:
 * <ul>
 *   <li>{@code topTenForEveryUser} — the baseline of the measurement: for every user, score all movies,
 *       drop the training movies, select the top 10 (one thread);</li>
 *   <li>{@code evaluateRanking} — the {@link Evaluator}'s ranking pass on the 20% held out (TFRS accuracy
 *       at 1..100 with and without training movies, Precision/Recall/NDCG/MAP/HitRate at 5, 10, 20, MRR,
 *       coverage, popularity) on all threads;</li>
 *   <li>{@code evaluateRatings} — RMSE/MAE only.</li>
 * </ul>
 * Data: the synthetic presets ({@code small} = ml-latest-small's shape, {@code 1m}); model: {@code baseline}
 * (its scoring is a vector add, so the time is the evaluator's own). Reproduce:
 * <pre>
 * mvn -q -B -DskipTests -pl cinerec-bench -am package
 * java -jar cinerec-bench/target/cinerec-bench.jar EvaluationBench -p preset=small,1m
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class EvaluationBench {

  @Param({"small"})
  public String preset;

  private Recommender model;
  private Dataset train;
  private Split split;
  private Evaluator ranking;
  private Evaluator ratingsOnly;
  private ItemFilter rated;

  @Setup(Level.Trial)
  public void setUp() {
    Dataset data = SyntheticData.generate(Preset.byName(preset), 42, Progress.NONE);
    split = SplitSpec.parse(SplitSpec.DEFAULT).apply(data);
    train = split.trainSet(data);
    model = ModelFamilies.trainer("baseline", Map.of()).fit(train);
    ranking = new Evaluator();
    ratingsOnly = new Evaluator(EvalOptions.defaults().withRanking(false));
    rated = ItemFilter.rated(train.ratings());
  }

  @Benchmark
  public long topTenForEveryUser() {
    float[] scores = new float[model.items().size()];
    long sink = 0;
    for (int u = 0; u < model.users().size(); u++) {
      model.scoreItems(u, scores);
      rated.apply(u, scores);
      int[] top = TopK.select(scores, 10);
      sink += top.length == 0 ? 0 : top[0];
    }
    return sink;
  }

  @Benchmark
  public EvaluationReport evaluateRanking() {
    return ranking.evaluate(model, train, split.test());
  }

  @Benchmark
  public EvaluationReport evaluateRatings() {
    return ratingsOnly.evaluate(model, train, split.test());
  }
}
