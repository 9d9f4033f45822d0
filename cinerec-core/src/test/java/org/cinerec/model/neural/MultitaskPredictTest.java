package org.cinerec.model.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.model.ModelFamilies;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.Test;

/**
 * One predicted rating ({@link MultitaskModel#predict(int, int)}, on a per-thread reused workspace, as a served
 * list asks for each of its movies) is bit for bit the batch path's answer for a batch of that one pair, from
 * many threads at once; unknown users and movies (-1) included. (A batch of many pairs may round differently:
 * its products can run on the native BLAS.)
 */
class MultitaskPredictTest {

  @Test
  void onePairOnAReusedWorkspaceIsTheBatchPathsAnswer() throws Exception {
    Dataset data = SyntheticData.generate(Preset.TINY.resized("predict", 50, 120, 2_000), 4, Progress.NONE);
    MultitaskModel m = (MultitaskModel) ModelFamilies.trainer("multitask", Map.of("epochs", "2")).fit(data);
    int pairs = 3_000;
    int[] users = new int[pairs];
    int[] items = new int[pairs];
    for (int p = 0; p < pairs; p++) {
      users[p] = p % 97 == 0 ? -1 : (p * 7) % 50;
      items[p] = p % 89 == 0 ? -1 : (p * 13) % 120;
    }
    float[] batch = new float[pairs]; // batches of one: what predict(u, i) answered before it had its own path
    float[] one = new float[1];
    for (int p = 0; p < pairs; p++) {
      m.predict(new int[] {users[p]}, new int[] {items[p]}, one);
      batch[p] = one[0];
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> {
          float[] got = new float[pairs];
          for (int p = 0; p < pairs; p++) {
            got[p] = m.predict(users[p], items[p]);
          }
          return got;
        }));
      }
      for (Future<float[]> run : runs) {
        float[] got = run.get();
        for (int p = 0; p < pairs; p++) {
          assertEquals(Float.floatToIntBits(batch[p]), Float.floatToIntBits(got[p]), "pair " + users[p] + ", "
              + items[p]);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
