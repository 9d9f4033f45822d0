package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileGivenAsDataTest {

  @Test
  void aModelFileGivenAsDataIsNamedForWhatItIs(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("mf.cinerec");
    byte[] bytes = new byte[64];
    byte[] magic = "CINEREC\u001a".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    Files.write(model, bytes);
    CinerecException e = assertThrows(CinerecException.class, () -> DataSources.load(model));
    assertTrue(e.getMessage().contains("mf.cinerec: is a cinerec model file"), e.getMessage());
  }
}
