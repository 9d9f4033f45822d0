package org.cinerec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.cinerec.data.Catalog;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.junit.jupiter.api.Test;

/** A model's info from a {@link DataSummary} alone is the info the core writes from the dataset itself. */
class DataSummaryTest {
  @Test
  void infoFromASummaryEqualsInfoFromTheDataset() {
    Ratings r = new Ratings(new int[] {0, 1, 1}, new int[] {1, 0, 1}, new float[] {4.5f, 3f, 1f}, new int[3], 2, 2);
    Catalog c = Catalog.builder().addPlaceholder("2").addPlaceholder("31").build();
    Dataset d = new Dataset(r, IdIndex.of("1", "10"), IdIndex.of("2", "31"), c,
        new Provenance("ratings-csv", List.of(new Provenance.SourceFile("ratings.csv", "00", 3)), 3, 3, Map.of(),
            Map.of(), Map.of(), List.of()));
    Params p = ModelFamilies.get("als").params().defaults();
    ModelInfo fromData = ModelInfo.of("als", p, 42, d, 1.5, List.of());
    DataSummary s = new DataSummary(DataFingerprint.of(d), 3, "ratings-csv", List.of("ratings.csv"), d.scale(), 1, 4.5);
    assertEquals(DataSummary.of(d), s);
    ModelInfo fromSummary = ModelInfo.of("als", p.asText(), 42, s, 1.5, List.of());
    assertEquals(fromData, new ModelInfo(fromSummary.kind(), fromSummary.params(), fromSummary.seed(),
        fromSummary.dataFingerprint(), fromSummary.trainRatings(), fromSummary.dataFormat(), fromSummary.dataSources(),
        fromSummary.split(), fromSummary.cinerecVersion(), fromSummary.javaVersion(), fromData.createdAt(),
        fromSummary.trainSeconds(), fromSummary.history(), fromSummary.ratingMin(), fromSummary.ratingMax(),
        fromSummary.scale(), fromSummary.data()));
  }
}
