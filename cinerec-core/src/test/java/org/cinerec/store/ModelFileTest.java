package org.cinerec.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.modeltest.TinyData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  @TempDir
  Path dir;

  private Dataset data;
  private Recommender model;
  private Path file;

  @BeforeEach
  void train() {
    data = TinyData.tiny(3, new String[] {"A|Comedy", "B|Drama", "C|Comedy,Drama", "D|Horror"},
        new double[][] {{0, 0, 5}, {0, 1, 3}, {1, 1, 4}, {1, 2, 2}, {2, 0, 1}, {2, 3, 4.5}});
    model = ModelFamilies.trainer("baseline", Map.of()).fit(data);
    file = dir.resolve("baseline.cinerec");
    ModelFiles.save(file, model, data.catalog());
  }

  @Test
  void aSavedModelLoadsBackWithTheSamePredictionsVocabulariesAndCatalog() {
    ModelFiles.Saved saved = ModelFiles.load(file);
    assertEquals("baseline", saved.model().kind());
    assertEquals(model.users(), saved.model().users());
    assertEquals(model.items(), saved.model().items());
    for (int u = -1; u < 3; u++) {
      for (int i = -1; i < 4; i++) {
        assertEquals(model.predict(u, i), saved.model().predict(u, i), 0f, "user " + u + " item " + i);
      }
    }
    assertEquals("C", saved.catalog().title(2));
    assertArrayEquals(new String[] {"Comedy", "Drama"}, saved.catalog().genres(2));
    assertEquals(model.info().params(), saved.model().info().params());
  }

  @Test
  void aTruncatedFileIsReportedAsDamaged() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFiles.load(file));
    assertTrue(e.getMessage().contains("damaged"), e.getMessage());
  }

  @Test
  void oneAlteredByteIsReportedAsDamaged() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFiles.load(file));
    assertTrue(e.getMessage().startsWith(file + ": model file is damaged"), e.getMessage());
  }

  @Test
  void aFileThatIsNotAModelSaysSo() throws IOException {
    Files.writeString(file, "userId,movieId,rating,timestamp\n1,1,4.0,1\n".repeat(3));
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFiles.load(file));
    assertTrue(e.getMessage().contains("not a cinerec model file"), e.getMessage());
  }

  @Test
  void aNewerFormatVersionAsksForANewerCinerec() throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).putInt(ModelFile.MAGIC.length, ModelFile.FORMAT_VERSION + 1);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(bytes, 0, bytes.length - 32);
    System.arraycopy(sha.digest(), 0, bytes, bytes.length - 32, 32);
    Files.write(file, bytes);
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFiles.load(file));
    assertTrue(e.getMessage().contains("format " + (ModelFile.FORMAT_VERSION + 1) + " is newer"), e.getMessage());
  }

  @Test
  void theContainerHoldsAKindAHeaderAndSectionsWhateverTheyMean() {
    Path f = dir.resolve("thing.cinerec");
    ModelFile.write(f, "thing", Map.of("answer", 42), w -> {
      w.putInts("numbers", new int[] {1, 2, 3, 4, 5, 6}, 2, 3);
      w.putStrings("words", new String[] {"a", null, "ü"});
    });
    ModelFile back = ModelFile.read(f);
    assertEquals("thing", back.kind());
    assertEquals(ModelFile.FORMAT_VERSION, back.version());
    assertEquals(Map.of("answer", 42), back.header(Map.class));
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, back.sections().ints("numbers"));
    assertArrayEquals(new int[] {2, 3}, back.sections().shape("numbers"));
    assertArrayEquals(new String[] {"a", null, "ü"}, back.sections().strings("words"));
    CinerecException e = assertThrows(CinerecException.class, () -> back.sections().floats("nope"));
    assertTrue(e.getMessage().contains("section \"nope\" is missing (is this a thing model"), e.getMessage());
  }

  @Test
  void aModelOfAnotherKindIsRefusedWhenAKindIsExpected() {
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFiles.load(file, "mf"));
    assertTrue(e.getMessage().contains("is a \"baseline\" model, expected \"mf\""), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFiles.load(dir.resolve("nope.cinerec")));
    assertTrue(e.getMessage().contains("nope.cinerec: no such model file"), e.getMessage());
  }

  @Test
  void aWriteThatFailsHalfwayLeavesNeitherTheTargetNorATemporaryFile() throws IOException {
    Path target = dir.resolve("sub").resolve("broken.cinerec");
    Recommender failing = new FailingModel(model);
    assertThrows(CinerecException.class, () -> ModelFiles.save(target, failing, data.catalog()));
    assertFalse(Files.exists(target));
    try (Stream<Path> left = Files.list(target.getParent())) {
      assertEquals(0, left.count(), "no temporary file may be left behind");
    }
  }

  /** A model whose tensors cannot be written: the save must fail cleanly. */
  private record FailingModel(Recommender inner) implements Recommender {
    @Override
    public String kind() {
      return inner.kind();
    }

    @Override
    public IdIndex users() {
      return inner.users();
    }

    @Override
    public IdIndex items() {
      return inner.items();
    }

    @Override
    public ModelInfo info() {
      return inner.info();
    }

    @Override
    public boolean predictsRatings() {
      return true;
    }

    @Override
    public float predict(int user, int item) {
      return inner.predict(user, item);
    }

    @Override
    public void scoreItems(int user, float[] out) {
      inner.scoreItems(user, out);
    }

    @Override
    public void similarItems(int item, float[] out) {
      inner.similarItems(item, out);
    }

    @Override
    public void write(ModelWriter out) throws IOException {
      out.putFloats("half", new float[] {1, 2, 3});
      throw new IOException("disk full");
    }

    @Override
    public boolean knowsUser(int user) {
      return inner.knowsUser(user);
    }
  }
}
