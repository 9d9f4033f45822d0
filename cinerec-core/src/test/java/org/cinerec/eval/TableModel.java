package org.cinerec.eval;

import org.cinerec.data.IdIndex;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.store.ModelWriter;

/**
 * A recommender whose scores are a given users × items table (its predictions are the same numbers):
 * lets metric tests state exactly what the model says. Unknown users (-1) and users marked unknown get
 * the {@code fallback} row.
 */
final class TableModel implements Recommender {
  private final float[][] table;
  private final float[] fallback;
  private final boolean[] known;
  private final boolean predictsRatings;
  private final IdIndex users;
  private final IdIndex items;

  TableModel(float[][] table, float[] fallback, boolean[] known, boolean predictsRatings, IdIndex users, IdIndex items) {
    this.table = table;
    this.fallback = fallback;
    this.known = known;
    this.predictsRatings = predictsRatings;
    this.users = users;
    this.items = items;
  }

  static TableModel of(float[][] table) {
    int n = table.length;
    boolean[] known = new boolean[n];
    java.util.Arrays.fill(known, true);
    return new TableModel(table, new float[table[0].length], known, true, Fixtures.ids("u", n),
        Fixtures.ids("m", table[0].length));
  }

  @Override
  public String kind() {
    return "table";
  }

  @Override
  public IdIndex users() {
    return users;
  }

  @Override
  public IdIndex items() {
    return items;
  }

  @Override
  public ModelInfo info() {
    return null;
  }

  @Override
  public boolean predictsRatings() {
    return predictsRatings;
  }

  @Override
  public float predict(int user, int item) {
    return item < 0 ? 0f : row(user)[item];
  }

  @Override
  public void scoreItems(int user, float[] out) {
    System.arraycopy(row(user), 0, out, 0, out.length);
  }

  private float[] row(int user) {
    return user < 0 || !known[user] ? fallback : table[user];
  }

  @Override
  public void similarItems(int item, float[] out) {
    java.util.Arrays.fill(out, 0f);
  }

  @Override
  public void write(ModelWriter out) {
    throw new UnsupportedOperationException("test model");
  }

  @Override
  public boolean knowsUser(int user) {
    return user >= 0 && known[user];
  }

  /**
   * A model that answers everything from a {@link TableModel}: a base for test models that change one answer
   * or add one view ({@link Batched}, {@code DiversityKnobTest.Vectors}).
   */
  abstract static class Forwarding implements Recommender {
    final TableModel table;

    Forwarding(TableModel table) {
      this.table = table;
    }

    @Override
    public String kind() {
      return table.kind();
    }

    @Override
    public IdIndex users() {
      return table.users();
    }

    @Override
    public IdIndex items() {
      return table.items();
    }

    @Override
    public ModelInfo info() {
      return null;
    }

    @Override
    public boolean predictsRatings() {
      return true;
    }

    @Override
    public float predict(int user, int item) {
      return table.predict(user, item);
    }

    @Override
    public void scoreItems(int user, float[] out) {
      table.scoreItems(user, out);
    }

    @Override
    public void similarItems(int item, float[] out) {
      table.similarItems(item, out);
    }

    @Override
    public void write(ModelWriter out) {
      throw new UnsupportedOperationException("test model");
    }

    @Override
    public boolean knowsUser(int user) {
      return table.knowsUser(user);
    }
  }

  /** The same table answering rating predictions only through {@link org.cinerec.model.BatchPredictor}. */
  static final class Batched extends Forwarding implements org.cinerec.model.BatchPredictor {
    private final int[] calls;

    Batched(TableModel table, int[] calls) {
      super(table);
      this.calls = calls;
    }

    @Override
    public void predict(int[] users, int[] items, float[] out) {
      calls[0]++;
      for (int j = 0; j < users.length; j++) {
        out[j] = table.predict(users[j], items[j]);
      }
    }

    @Override
    public float predict(int user, int item) {
      throw new AssertionError("the evaluator should have used the batch call");
    }
  }
}
