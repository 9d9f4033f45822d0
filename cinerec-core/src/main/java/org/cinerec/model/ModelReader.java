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
  /** Put before every section name asked for ({@link #member}); empty for the file's own model. */
  private final String prefix;

  ModelReader(SectionReader sections, ModelInfo info, IdIndex users, IdIndex items) {
    this(sections, info, users, items, "");
  }

  private ModelReader(SectionReader sections, ModelInfo info, IdIndex users, IdIndex items, String prefix) {
    this.sections = sections;
    this.info = info;
    this.users = users;
    this.items = items;
    this.prefix = prefix;
  }

  /**
   * The reader of a member model that a model made of others wrote with {@link
   * org.cinerec.store.ModelWriter#under}{@code (prefix)}: the same file and vocabularies, the member's own
   * info, and section names looked up under {@code prefix}.
   */
  public ModelReader member(String prefix, ModelInfo memberInfo) {
    return new ModelReader(sections, memberInfo, users, items, this.prefix + prefix);
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
    return sections.has(prefix + name);
  }

  /** The shape the section was written with (empty for a plain vector). */
  public int[] shape(String name) {
    return sections.shape(prefix + name);
  }

  public float[] floats(String name) {
    return sections.floats(prefix + name);
  }

  public int[] ints(String name) {
    return sections.ints(prefix + name);
  }

  public double[] doubles(String name) {
    return sections.doubles(prefix + name);
  }

  public long[] longs(String name) {
    return sections.longs(prefix + name);
  }

  public double getDouble(String name) {
    return sections.getDouble(prefix + name);
  }

  public String[] strings(String name) {
    return sections.strings(prefix + name);
  }

  public <T> T json(String name, Class<T> type) throws IOException {
    return sections.json(prefix + name, type);
  }

  public <T> T json(String name, JavaType type) throws IOException {
    return sections.json(prefix + name, type);
  }
}
