package org.cinerec.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Param;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds one {@code --NAME} option per hyper-parameter of every registered model family to a command
 * (picocli's programmatic API), so {@code --help} lists them all, each with the models that take it, its
 * meaning, range and default — all read from the {@link Param} declarations. A name shared by several
 * families is one option whose help names each family's meaning and default.
 */
final class ModelFlags implements CommandLine.IModelTransformer {

  @Override
  public CommandSpec transform(CommandSpec spec) {
    Map<String, List<String>> descriptions = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (ModelFamily family : ModelFamilies.all()) {
      for (Param p : family.params().params()) {
        descriptions.computeIfAbsent(p.name(), n -> new ArrayList<>())
            .add("[" + family.kind() + "] " + p.description() + range(p) + " Default: " + p.defaultValue() + ".");
        labels.putIfAbsent(p.name(), label(p));
      }
    }
    descriptions.forEach((name, lines) -> {
      if (spec.findOption("--" + name) == null) {
        spec.addOption(OptionSpec.builder("--" + name)
            .paramLabel(labels.get(name))
            .type(String.class)
            .description(lines.toArray(new String[0]))
            .build());
      }
    });
    return spec;
  }

  /** The model parameters given on the command line (name → text). */
  static Map<String, String> given(CommandSpec spec) {
    Map<String, String> values = new LinkedHashMap<>();
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (ModelFamily family : ModelFamilies.all()) {
      for (Param p : family.params().params()) {
        String flag = "--" + p.name();
        if (parsed.hasMatchedOption(flag) && !values.containsKey(p.name())) {
          values.put(p.name(), parsed.matchedOptionValue(flag, (String) null));
        }
      }
    }
    return values;
  }

  private static String label(Param p) {
    return switch (p.type()) {
      case INT -> "<int>";
      case DOUBLE -> "<number>";
      case BOOL -> "<true|false>";
      case CHOICE -> "<" + String.join("|", p.choices()) + ">";
      case INT_LIST -> "<int,...>";
      case STRING -> "<text>";
    };
  }

  private static String range(Param p) {
    if (p.min() == null && p.max() == null) {
      return "";
    }
    boolean hugeMin = p.min() == null || p.min() <= -1e15;
    boolean hugeMax = p.max() == null || p.max() >= 1e8;
    if (hugeMin && hugeMax) {
      return "";
    }
    if (hugeMax) {
      return " (at least " + num(p.min()) + ")";
    }
    if (hugeMin) {
      return " (at most " + num(p.max()) + ")";
    }
    return " (" + num(p.min()) + ".." + num(p.max()) + ")";
  }

  private static String num(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Math.abs(d) < 1e-3 ? String.format(Locale.ROOT, "%.0e", d)
        : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
