package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinerec.serve.MovieRef;
import org.cinerec.serve.Prediction;
import org.cinerec.serve.RankedMovie;
import org.cinerec.serve.Reason;
import org.cinerec.serve.Recommendations;
import org.junit.jupiter.api.Test;

/**
 * A user's list or prediction with their state is written as one object in one pass (the result's fields, its
 * notes extended in place, then "userState"): the same bytes as the result turned into a map, the notes
 * replaced and the state added, which is how it was written before (NaN and infinities as null included).
 */
class WithStateJsonTest {

  /** The service's mapper: tiles with their poster (null: no posters here). */
  static final ObjectMapper MAPPER = Tiles.mapper(Posters.index(null));

  /** The former way: through a map. */
  @SuppressWarnings("unchecked")
  static String viaMap(Object result, String state, List<String> extraNotes) throws Exception {
    Map<String, Object> out = MAPPER.convertValue(result, Map.class);
    out.put("userState", state);
    if (!extraNotes.isEmpty()) {
      List<Object> notes = new ArrayList<>((List<Object>) out.getOrDefault("notes", List.of()));
      notes.addAll(extraNotes);
      out.put("notes", notes);
    }
    return MAPPER.writeValueAsString(out);
  }

  static Recommendations list(List<String> notes) {
    List<Reason> reasons = List.of(new Reason("7", "Heat", 4.5f, 0.35808f, "because you rated Heat (1995) 4.5★"),
        new Reason("9", "Alien", null, Float.NaN, "because you rated Alien (1979)"));
    List<RankedMovie> rows = List.of(
        new RankedMovie(1, "1252", "Chinatown (1974)", 1974, List.of("Crime", "Film-Noir"), 5.1700535f, 5.0f, reasons),
        new RankedMovie(2, "3", "Nameless", null, List.of(), -Float.MAX_VALUE, null, List.of()),
        new RankedMovie(3, "4", "\"Quoted\" <b>title</b> \u00e9\u2605", 2001, List.of("Drama"), 1e-7f, 3.25f,
            List.of()));
    return new Recommendations("mf", "mf", "3e3a30e49cbf", "1", true, 10, 0, 0.0, 9510, 232, 0, notes, rows);
  }

  @Test
  void aListWithItsStateIsWrittenAsThroughAMap() throws Exception {
    for (List<String> own : List.of(List.<String>of(), List.of("a note"))) {
      Recommendations r = list(own);
      assertEquals(viaMap(r, "folded", List.of()),
          MAPPER.writeValueAsString(new RecommendResource.WithState(r, "folded")));
      List<String> notes = new ArrayList<>(own);
      notes.add("left out 2 rated movie(s) this model does not know: 8, 9");
      assertEquals(viaMap(r, "trained", List.of("left out 2 rated movie(s) this model does not know: 8, 9")),
          MAPPER.writeValueAsString(new RecommendResource.WithState(r.withNotes(notes), "trained")));
    }
  }

  @Test
  void aPredictionWithItsStateIsWrittenAsThroughAMap() throws Exception {
    Prediction p = new Prediction("mf", "mf", "v", "5", new MovieRef("1", "Toy Story (1995)", 1995,
        List.of("Animation")), Float.POSITIVE_INFINITY, null, null, false, true, false, "the global mean μ", List.of());
    assertEquals(viaMap(p, "fallback", List.of()),
        MAPPER.writeValueAsString(new RecommendResource.WithState(p, "fallback")));
    assertEquals(viaMap(p, "folded", List.of("n")),
        MAPPER.writeValueAsString(new RecommendResource.WithState(p.withNotes(List.of("n")), "folded")));
  }
}
