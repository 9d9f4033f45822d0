package org.cinerec.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;

/** The registry of model families: one line per family, in the order help lists them. */
public final class ModelFamilies {
  private static final Map<String, ModelFamily> FAMILIES = new LinkedHashMap<>();

  static {
    register(new org.cinerec.model.baseline.PopularityFamily());
    register(new org.cinerec.model.baseline.BaselineFamily());
    register(new org.cinerec.model.content.GenreFamily());
    register(new org.cinerec.model.mf.MfFamily());
    register(new org.cinerec.model.mf.SvdppFamily());
    register(new org.cinerec.model.als.AlsFamily());
    register(new org.cinerec.model.als.IalsFamily());
    register(new org.cinerec.model.bpmf.BpmfFamily());
    register(new org.cinerec.model.knn.ItemKnnFamily());
    register(new org.cinerec.model.bpr.BprFamily());
    register(new org.cinerec.model.ease.EaseFamily());
    register(new org.cinerec.model.graph.Rp3BetaFamily());
    register(new org.cinerec.model.neural.MultitaskFamily());
    register(new org.cinerec.model.blend.BlendFamily());
  }

  private ModelFamilies() {}

  private static void register(ModelFamily family) {
    FAMILIES.put(family.kind(), family);
  }

  /** The family with this id; a usage error listing the known ids otherwise. */
  public static ModelFamily get(String kind) {
    ModelFamily f = FAMILIES.get(kind);
    if (f == null) {
      throw CinerecException.usage("unknown model \"" + kind + "\"; known models: " + String.join(", ", FAMILIES.keySet()));
    }
    return f;
  }

  public static List<ModelFamily> all() {
    return Collections.unmodifiableList(new ArrayList<>(FAMILIES.values()));
  }

  /**
   * A model's parameters (name → text, as stored) as typed JSON values ({@link ParamSpec#jsonValues});
   * unchanged text for a kind this build does not know.
   */
  public static Map<String, Object> jsonParams(String kind, Map<String, String> params) {
    ModelFamily f = FAMILIES.get(kind);
    return f == null ? new LinkedHashMap<>(params) : f.params().jsonValues(params);
  }

  /** Convenience: a trainer from text parameters (name → value), validated. */
  public static Trainer trainer(String kind, Map<String, String> params) {
    ModelFamily f = get(kind);
    return f.trainer(f.params().parse(params));
  }

  /**
   * A trainer from a one-string setting {@code kind[:name=value]...} (e.g. {@code ease:adjacency=10:lambda=100}, as
   * the bench tools and the contract test name a variant), its values over {@code base} (such as a seed).
   */
  public static Trainer trainerOf(String setting, Map<String, String> base) {
    String[] parts = setting.split(":");
    Map<String, String> params = new LinkedHashMap<>(base);
    for (int k = 1; k < parts.length; k++) {
      String[] nv = parts[k].split("=", 2);
      if (nv.length != 2 || nv[0].isBlank()) {
        throw CinerecException.usage("model \"" + setting + "\": expected kind:name=value:..., got \"" + parts[k]
            + "\"");
      }
      params.put(nv[0], nv[1]);
    }
    return trainer(parts[0], params);
  }

  /** The kind of a setting {@code kind[:name=value]...} ({@link #trainerOf}). */
  public static String kindOf(String setting) {
    int colon = setting.indexOf(':');
    return colon < 0 ? setting : setting.substring(0, colon);
  }
}
