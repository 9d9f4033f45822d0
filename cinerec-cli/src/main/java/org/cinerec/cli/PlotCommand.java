package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.viz.Figure;
import org.cinerec.viz.ModelPictures;
import org.cinerec.viz.Picture;
import org.cinerec.viz.Pictures;
import org.cinerec.viz.PlotOptions;
import org.cinerec.viz.stats.Leaderboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cinerec plot DATA --out DIR}: the pictures as PNG and SVG files. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Draw pictures of DATA (and of models) as PNG and SVG files in DIR.",
        "Without --what every data picture is drawn, and one the data cannot give (no timestamps, no genres, "
            + "the default movie missing) is skipped with the reason; pictures named in --what must succeed. "
            + "With --model / --leaderboard the model pictures are drawn too."})
final class PlotCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the pictures (created).")
  Path out;

  @Option(names = "--what", paramLabel = "NAME", split = ",",
      description = "Pictures to draw, comma-separated, or all (the data pictures). Names: "
          + "rating-histogram, user-activity, movie-ratings, user-sample, top-movies, long-tail, ratings-over-time, "
          + "genre-ratings, genre-means, sparsity; with --model: learning-curves, residuals, embeddings; with "
          + "--leaderboard: topk-accuracy.")
  List<String> what;

  @Mixin
  PlotFlags flags;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean explicit = what != null && !what.isEmpty();
    Set<Picture> pictures = explicit ? Picture.parse(what) : Picture.dataPictures();
    List<ModelPictures.Model> models = flags.loadModels();
    Leaderboard board = flags.loadLeaderboard();
    boolean wantsModels = pictures.stream().anyMatch(Picture::needsModel);
    if (explicit && wantsModels && models.isEmpty() && board == null) {
      throw CinerecException.usage("--what names model pictures; give --model FILE or --leaderboard FILE");
    }
    Dataset all = CliSupport.loadData(data, err);
    Path dataPath = data.path();
    PlotOptions o = flags.options();
    List<String> skipped = new ArrayList<>();
    boolean movieGiven = flags.movie != null;
    List<Figure> figures = new ArrayList<>();
    for (Picture p : pictures) {
      if (p.needsModel()) {
        continue;
      }
      boolean strict = explicit || (p == Picture.MOVIE_RATINGS && movieGiven);
      figures.addAll(Pictures.of(all, EnumSet.of(p), o, !strict, skipped::add));
    }
    if (!models.isEmpty() || board != null) {
      for (Figure f : ModelPictures.of(all, models, board, o.seed(), skipped::add)) {
        if (!explicit || pictures.stream().anyMatch(p -> f.name().startsWith(p.id()))) {
          figures.add(f);
        }
      }
    }
    for (Figure f : figures) {
      Pictures.write(f, out);
      stdout.println("wrote " + out.resolve(f.name()) + ".{png,svg}: " + f.title());
    }
    for (String s : skipped) {
      err.println("skipped " + s);
    }
    if (figures.isEmpty()) {
      throw new CinerecException("no picture could be drawn from " + dataPath);
    }
    return 0;
  }
}
