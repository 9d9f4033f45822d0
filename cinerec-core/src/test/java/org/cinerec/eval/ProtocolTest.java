package org.cinerec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Trainer;
import org.junit.jupiter.api.Test;

class ProtocolTest {

  @Test
  void parsesHoldoutKfoldTemporalAndPlainSplits() {
    assertEquals(List.of("random:0.2:42"), specs(Protocol.parse("holdout")));
    assertEquals(List.of("random:0.1:7"), specs(Protocol.parse("holdout:0.1:7")));
    assertEquals(List.of("kfold:3:42:0", "kfold:3:42:1", "kfold:3:42:2"), specs(Protocol.parse("kfold:3")));
    assertEquals(List.of("kfold:2:9:0", "kfold:2:9:1"), specs(Protocol.parse("kfold:2:9")));
    assertEquals(List.of("kfold:5:42:3"), specs(Protocol.parse("kfold:5:42:3")));
    assertEquals(List.of("temporal:10"), specs(Protocol.parse("temporal:10")));
  }

  @Test
  void aBadProtocolIsAUsageErrorNamingTheFlag() {
    CinerecException e = assertThrows(CinerecException.class, () -> Protocol.parse("kfold:1"));
    assertEquals(CinerecException.Kind.USAGE, e.kind());
    assertTrue(e.getMessage().startsWith("--protocol"), e.getMessage());
    assertThrows(CinerecException.class, () -> Protocol.parse("bogus"));
  }

  @Test
  void crossValidationSummarisesEveryFoldWithMeanAndPopulationStd() {
    Dataset data = Fixtures.dataset(EvaluatorPropertyTest.randomCase(3).train().ratings());
    Trainer trainer = ModelFamilies.trainer("baseline", Map.of());
    ProtocolResult r = new ProtocolRunner(new Evaluator()).run(trainer, data, Protocol.parse("kfold:3"), Progress.NONE);
    assertEquals(3, r.folds().size());
    double[] rmse = r.folds().stream().mapToDouble(f -> f.rating().rmse()).toArray();
    double mean = (rmse[0] + rmse[1] + rmse[2]) / 3;
    double var = ((rmse[0] - mean) * (rmse[0] - mean) + (rmse[1] - mean) * (rmse[1] - mean)
        + (rmse[2] - mean) * (rmse[2] - mean)) / 3;
    assertEquals(mean, r.summary().get("rmse").mean(), 1e-12);
    assertEquals(Math.sqrt(var), r.summary().get("rmse").std(), 1e-12);
    assertEquals("kfold:3:42:1", r.folds().get(1).protocol());
    assertEquals(data.ratings().size(), r.folds().stream().mapToLong(EvaluationReport::testRatings).sum());
    assertTrue(r.format("rmse").contains(" ± "));
  }

  private static List<String> specs(Protocol p) {
    return p.folds().stream().map(s -> s.spec()).toList();
  }
}
