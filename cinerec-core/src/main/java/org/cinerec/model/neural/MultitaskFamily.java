package org.cinerec.model.neural;

import java.io.IOException;
import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.ModelReader;

/** The "multitask" family: see {@link MultitaskTrainer} for the model, {@link MultitaskConfig} for checks. */
public final class MultitaskFamily implements ModelFamily {
  public static final String KIND = "multitask";

  static final ParamSpec SPEC = ParamSpec.of(
      Param.ofChoice("preset", "named settings for each of epochs, temperature, logq, drop-remainder, "
          + "refit-bias and retrieval-weight that is not given: balanced (the defaults below: 20, 2, true, true, "
          + "true, 0.1; RMSE below baseline's and top-100 accuracy 1.6-1.7x the notebook's on ml-latest-small and "
          + "ratings_small, see docs/notes/multitask-default.md), notebook (the TFRS notebook's: 3, 1, false, "
          + "false, false, 1) or stable (10, 2, true, true, false, 1)", "balanced", "balanced", "notebook",
          "stable"),
      Param.ofInt("embedding-dim", "dimension d of the user and movie embeddings", 32, 1, 4096),
      Param.ofIntList("layers", "hidden layer sizes of the rating MLP on concat(user, movie) embeddings, "
          + "before its final Dense(1)", "256,128,32", 1, 65536),
      Param.ofChoice("activation", "activation of the hidden layers", "relu", "relu", "tanh", "sigmoid", "elu",
          "linear"),
      Param.ofDouble("rating-weight", "weight of the rating task's MSE in the loss (0 = retrieval only)", 1.0, 0,
          1e6),
      Param.ofDouble("retrieval-weight", "weight of the in-batch softmax retrieval loss (0 = rating only; the "
          + "notebook: 1)", 0.1, 0, 1e6),
      Param.ofChoice("retrieval-reduction", "how the retrieval cross-entropy is reduced over a batch: sum (TFRS "
          + "Retrieval's default) or mean", "sum", "sum", "mean"),
      Param.ofChoice("optimizer", "optimizer: adagrad (Keras semantics), adam or sgd", "adagrad", "adagrad",
          "adam", "sgd"),
      Param.ofDouble("learning-rate", "optimizer learning rate (> 0)", 0.1, 0, 1e3),
      Param.ofDouble("initial-accumulator", "Adagrad's initial accumulator value", 0.1, 0, 1e6),
      Param.ofDouble("epsilon", "Adagrad/Adam epsilon", 1e-7, 0, 1),
      Param.ofDouble("beta1", "Adam's first-moment decay", 0.9, 0, 0.999999),
      Param.ofDouble("beta2", "Adam's second-moment decay", 0.999, 0, 0.999999),
      Param.ofInt("batch-size", "ratings per mini-batch (also the number of in-batch retrieval candidates)", 1000,
          1, 1_000_000),
      Param.ofInt("epochs", "passes over the training ratings (the most, with early stopping; the notebook: 3)",
          20, 1, 100_000),
      Param.ofChoice("shuffle", "batch order: epoch (a fresh full shuffle each epoch), once (one shuffle, "
          + "then the same order every epoch, as the TFRS tutorial's shuffle+cache), none (data order)", "epoch",
          "epoch", "once", "none"),
      Param.ofBool("drop-remainder", "skip each epoch's last, partial batch (as tf.data's batch(drop_remainder="
          + "True)); its mean-squared-error step weighs as much as a full batch's, so a batch of a few rows "
          + "at the end of training can throw the rating head off (the notebook keeps it)", true),
      Param.ofLong("seed", "seed of the initialisation, shuffles and the early-stopping holdout", 42),
      Param.ofInt("threads", "worker threads for training (0 = the thread pool's size: cinerec --threads, one per "
          + "core by default); 1 gives bit-identical runs", 0, 0,
          1024),
      Param.ofDouble("temperature", "softmax temperature of the retrieval logits (logits / temperature, > 0; "
          + "the notebook: 1)", 2.0, 0, 1e6),
      Param.ofDouble("l2", "L2 penalty l2·(|u|² + |m|²) per batch row on the embeddings used, plus "
          + "l2·|W|² on the MLP kernels, per batch", 0.0, 0, 1e6),
      Param.ofBool("logq", "popularity (logQ) correction: subtract log(frequency of the candidate movie in the "
          + "training ratings) from its retrieval logits (Yi et al. 2019; the notebook: false)", true),
      Param.ofInt("early-stopping", "patience in epochs for early stopping on a holdout cut from the training "
          + "ratings (0 = off); the best epoch's weights are kept", 0, 0, 100_000),
      Param.ofChoice("early-stopping-metric", "holdout metric early stopping watches: loss (the weighted "
          + "training objective) or rmse (the rating head)", "loss", "loss", "rmse"),
      Param.ofDouble("holdout", "fraction of the training ratings held out for early stopping", 0.1, 0.001,
          0.5),
      Param.ofBool("refit-bias", "after the last epoch (with early stopping: after every epoch), shift the "
          + "rating head's output bias so that its mean error over the training ratings is 0 (the least-squares "
          + "bias for the trained network; removes the level, up to ±0.2 stars, that the rating head drifts to "
          + "as retrieval moves the shared embeddings; the shift is the epoch's bias_shift; the notebook: false)",
          true),
      Param.ofString("item-features", "movie features embedded beside the movie id: none, or a comma list of "
          + "genres, year (5-year buckets) and title (words shared by at least --min-token-movies titles), and "
          + "where the data has them (Kaggle's movies_metadata.csv) language (original language), runtime "
          + "(<80, 80-89, 90-99, 100-109, 110-119, 120-139, 140-159, 160+ minutes) and overview (its words "
          + "less stop words, shared by at least --min-token-movies overviews); each "
          + "value its own embedding, mean-pooled per group, an unknown value per group; the movie's vector is "
          + "the sum, and a movie nobody rated gets its features' vector, so the model ranks it (item cold "
          + "start; see docs/evaluation.md)", "none"),
      Param.ofString("user-features", "user features embedded beside the user id: none, or a comma list of "
          + "history (the mean of a pooled-movie embedding over the user's --history-size most recent training "
          + "movies; a trained user's target movie left out of her pool; at fold-in the given ratings' movies) "
          + "and the data's attributes, all of them (all) or by name (users.csv columns, e.g. "
          + "age,gender,occupation; ages in decades)", "none"),
      Param.ofInt("history-size", "with --user-features history: the most recent training movies pooled per "
          + "user (by rating time, ties by movie; 0 = all of them)", 50, 0, 1_000_000),
      Param.ofChoice("history-table", "with --user-features history: the movie embedding pooled, own (a table of "
          + "its own) or movie (the movie tower's id embedding, shared with retrieval and the rating head)",
          "own", "own", "movie"),
      Param.ofDouble("id-dropout", "with features: the chance that a training row's id embedding is left out "
          + "(the kept ones scaled by 1/(1-p)), so the features learn to stand for a movie or user alone, as "
          + "they must for one nobody rated; no effect on a tower without features", 0.25, 0, 0.95),
      Param.ofInt("min-token-movies", "a title (or overview) word becomes a feature when at least this many "
          + "catalogue titles (overviews) have it", 2, 1, 1_000_000));

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "two-tower multi-task model (TFRS): id (and optional feature) embeddings, MLP rating head + in-batch "
        + "softmax retrieval";
  }

  @Override
  public ParamSpec params() {
    return SPEC;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("embedding-dim=32,64", "retrieval-weight=0.1,1");
  }

  @Override
  public Trainer trainer(Params params) {
    return new MultitaskTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) throws IOException {
    return MultitaskModel.read(in);
  }
}
