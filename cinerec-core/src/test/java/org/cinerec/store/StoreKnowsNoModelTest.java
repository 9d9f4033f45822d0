package org.cinerec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code org.cinerec.store} is a container that knows no model: none of its compiled classes refers to
 * anything in {@code org.cinerec.model} (every type a class uses is named in its constant pool, as
 * {@code org/cinerec/model/...}; a name looked up by reflection would be {@code org.cinerec.model...}).
 */
class StoreKnowsNoModelTest {
  static final String[] MODEL = {"org/cinerec/model/", "org.cinerec.model."};

  static Path classes(Class<?> of) throws URISyntaxException {
    Path root = Path.of(of.getProtectionDomain().getCodeSource().getLocation().toURI());
    return root.resolve(of.getPackageName().replace('.', '/'));
  }

  static List<String> references(Path classFile) throws IOException {
    String text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    List<String> found = new ArrayList<>();
    for (String m : MODEL) {
      if (text.contains(m)) {
        found.add(m);
      }
    }
    return found;
  }

  @Test
  void noClassOfTheStorePackageRefersToTheModelPackage() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(classes(ModelFile.class))) {
      files = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
    assertTrue(files.size() >= 4, "store classes found: " + files);
    for (Path f : files) {
      assertEquals(List.of(), references(f), f.getFileName() + " refers to org.cinerec.model");
    }
  }

  @Test
  void theCheckSeesAReferenceWhereThereIsOne() throws Exception {
    Path modelFiles = classes(org.cinerec.model.ModelFiles.class).resolve("ModelFiles.class");
    assertEquals(List.of("org/cinerec/model/"), references(modelFiles));
  }
}
