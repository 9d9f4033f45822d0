package org.cinerec.model;

import org.cinerec.CinerecException;

/**
 * A trained model's hyper-parameters read back from its {@link ModelInfo} (the file records every resolved
 * value as text): what fold-in needs of training, such as its regularisation. A value the file does not
 * record, or cannot be read as the type asked for, is a {@link CinerecException} naming the model kind and
 * the parameter, so a model that cannot fold in says why instead of guessing.
 */
public final class TrainedParams {
  private TrainedParams() {}

  /** The parameter as text. */
  public static String text(ModelInfo info, String name) {
    String v = info.params().get(name);
    if (v == null) {
      throw new CinerecException("the " + info.kind() + " model file records no training parameter '" + name
          + "' (it has " + info.params().keySet() + "), and folding in a user needs it; retrain the model");
    }
    return v;
  }

  /** The parameter as a finite number. */
  public static double number(ModelInfo info, String name) {
    String v = text(info, name);
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CinerecException("the " + info.kind() + " model file records training parameter '" + name + "' as '"
        + v + "', not a finite number");
  }

  /** The parameter as a boolean ("true" or "false"). */
  public static boolean flag(ModelInfo info, String name) {
    String v = text(info, name);
    if (!v.equals("true") && !v.equals("false")) {
      throw new CinerecException("the " + info.kind() + " model file records training parameter '" + name
          + "' as '" + v + "', not true or false");
    }
    return v.equals("true");
  }
}
