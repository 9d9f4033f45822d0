package org.cinerec.model;

import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import org.cinerec.data.IdIndex;
import org.cinerec.store.SectionReader;

/**
 * What a family reads a saved model from ({@link ModelFamily#read}): the file's sections (see
 * {@link org.cinerec.store.ModelWriter}) with the model's {@link ModelInfo} and its user and item
 * vocabularies, which {@link ModelFiles} read first. A missing or mistyped section is a clear error naming
 * the file and the section.
 */
public final class ModelReader {
  private final SectionReader sections;
  private final ModelInfo info;
  private final IdIndex users;
  private final IdIndex items;

  ModelReader(SectionReader sections, ModelInfo info, IdIndex users, IdIndex items) {
    this.sections = sections;
    this.info = info;
    this.users = users;
    this.items = items;
  }

  public ModelInfo info() {
    return info;
  }

  public IdIndex users() {
    return users;
  }

  public IdIndex items() {
    return items;
  }

  /** The file's name, for messages. */
  public String file() {
    return sections.file();
  }

  public boolean has(String name) {
    return sections.has(name);
  }

  /** The shape the section was written with (empty for a plain vector). */
  public int[] shape(String name) {
    return sections.shape(name);
  }

  public float[] floats(String name) {
    return sections.floats(name);
  }

  public int[] ints(String name) {
    return sections.ints(name);
  }

  public double[] doubles(String name) {
    return sections.doubles(name);
  }

  public long[] longs(String name) {
    return sections.longs(name);
  }

  public double getDouble(String name) {
    return sections.getDouble(name);
  }

  public String[] strings(String name) {
    return sections.strings(name);
  }

  public <T> T json(String name, Class<T> type) throws IOException {
    return sections.json(name, type);
  }

  public <T> T json(String name, JavaType type) throws IOException {
    return sections.json(name, type);
  }
}
