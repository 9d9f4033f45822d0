package org.cinerec.eval;

import java.util.ArrayList;
import java.util.List;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;

/**
 * Runs a {@link Protocol}: for each split, fits a fresh model on the training part (timed), evaluates it
 * on the test part with the {@link Evaluator}, and summarises the folds in a {@link ProtocolResult}.
 * Trainers get no validation ratings here, so nothing about the test part can leak into training.
 */
public final class ProtocolRunner {
  private final Evaluator evaluator;

  public ProtocolRunner(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  /** Told of each fold's report as soon as it is evaluated (the CLI prints a line per fold). */
  @FunctionalInterface
  public interface FoldListener {
    /** Hears nothing. */
    FoldListener NONE = (fold, folds, report) -> { };

    /** Fold {@code fold} (1-based) of {@code folds} was trained and evaluated. */
    void foldEvaluated(int fold, int folds, EvaluationReport report);
  }

  /** Runs the trainer through every fold of the protocol on {@code data}. */
  public ProtocolResult run(Trainer trainer, Dataset data, Protocol protocol, Progress progress) {
    return run(trainer, data, protocol, progress, FoldListener.NONE);
  }

  /** As {@link #run(Trainer, Dataset, Protocol, Progress)}, telling {@code listener} of each fold. */
  public ProtocolResult run(Trainer trainer, Dataset data, Protocol protocol, Progress progress,
      FoldListener listener) {
    List<EvaluationReport> reports = new ArrayList<>();
    int folds = protocol.folds().size();
    progress.start(trainer.kind() + " " + protocol.describe(), folds);
    int done = 0;
    for (SplitSpec spec : protocol.folds()) {
      EvaluationReport report = runFold(trainer, data, spec);
      reports.add(report);
      progress.update(++done);
      listener.foldEvaluated(done, folds, report);
    }
    progress.finish();
    return ProtocolResult.of(trainer.kind(), trainer.params().asText(), protocol.describe(), reports);
  }

  /** One split: fit on its training part, evaluate on its test part. */
  public EvaluationReport runFold(Trainer trainer, Dataset data, SplitSpec spec) {
    Split split = spec.apply(data);
    Dataset train = split.trainSet(data);
    long t0 = System.nanoTime();
    Recommender model = trainer.fit(train);
    double fitSeconds = (System.nanoTime() - t0) / 1e9;
    Evaluator ev = spec.holdsOutMovies() ? evaluator.withOptions(evaluator.options().forSplit(spec)) : evaluator;
    return ev.evaluate(model, train, split.test()).withFitSeconds(fitSeconds).withProtocol(split.spec());
  }
}
