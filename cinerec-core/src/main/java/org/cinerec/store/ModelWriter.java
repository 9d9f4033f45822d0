package org.cinerec.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes named, typed sections of a model file (see {@link ModelFile} for the layout). A model's
 * {@code write} method calls the {@code put} methods; names must be unique within a file.
 */
public final class ModelWriter {
  static final byte END = 0;
  static final byte FLOATS = 1;
  static final byte INTS = 2;
  static final byte DOUBLES = 3;
  static final byte LONGS = 4;
  static final byte STRINGS = 5;
  static final byte JSON = 6;

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** Tensors are written through this buffer, a piece at a time: no copy of a whole tensor, of any size. */
  private static final int CHUNK = 1 << 16;

  private final DataOutputStream out;
  private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
  private final Set<String> names;
  /** Put before every name this writer is given ({@link #under}); empty for the file's own writer. */
  private final String prefix;

  ModelWriter(DataOutputStream out) {
    this(out, new HashSet<>(), "");
  }

  private ModelWriter(DataOutputStream out, Set<String> names, String prefix) {
    this.out = out;
    this.names = names;
    this.prefix = prefix;
  }

  /**
   * A writer into the same file whose section names all start with {@code prefix} (e.g. "member.0."): for a
   * model made of other models, each writing its own sections as if the file were its own. Names stay unique
   * across the whole file.
   */
  public ModelWriter under(String prefix) {
    return new ModelWriter(out, names, this.prefix + prefix);
  }

  /** A float tensor; the product of {@code shape} must equal {@code data.length} (no shape = a vector). */
  public void putFloats(String name, float[] data, int... shape) throws IOException {
    header(FLOATS, name, data.length, shape);
    tensor(data.length, 4, (b, at, n) -> b.asFloatBuffer().put(data, at, n));
  }

  public void putInts(String name, int[] data, int... shape) throws IOException {
    header(INTS, name, data.length, shape);
    tensor(data.length, 4, (b, at, n) -> b.asIntBuffer().put(data, at, n));
  }

  public void putDoubles(String name, double[] data, int... shape) throws IOException {
    header(DOUBLES, name, data.length, shape);
    tensor(data.length, 8, (b, at, n) -> b.asDoubleBuffer().put(data, at, n));
  }

  public void putLongs(String name, long[] data, int... shape) throws IOException {
    header(LONGS, name, data.length, shape);
    tensor(data.length, 8, (b, at, n) -> b.asLongBuffer().put(data, at, n));
  }

  /** Puts {@code n} elements from index {@code at} of an array into a little-endian buffer. */
  @FunctionalInterface
  private interface Give {
    void give(ByteBuffer littleEndian, int at, int n);
  }

  /** Writes {@code length} elements of {@code width} bytes, {@link #CHUNK} bytes at a time. */
  private void tensor(int length, int width, Give give) throws IOException {
    for (int i = 0; i < length; i += CHUNK / width) {
      int n = Math.min(length - i, CHUNK / width);
      chunk.clear();
      give.give(chunk, i, n);
      out.write(chunk.array(), 0, width * n);
    }
  }

  /** Strings (null allowed) as UTF-8. */
  public void putStrings(String name, String[] data) throws IOException {
    header(STRINGS, name, data.length);
    for (String s : data) {
      if (s == null) {
        out.writeInt(-1);
      } else {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /** Any Jackson-serialisable value (records, maps, lists). */
  public void putJson(String name, Object value) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(value);
    header(JSON, name, bytes.length);
    out.write(bytes);
  }

  /** Convenience for scalars: stored as a one-element doubles section. */
  public void putDouble(String name, double value) throws IOException {
    putDoubles(name, new double[] {value});
  }

  void end() throws IOException {
    out.writeByte(END);
  }

  private void header(byte type, String local, int length, int... shape) throws IOException {
    String name = prefix + local;
    if (!names.add(name)) {
      throw new IllegalArgumentException("section written twice: " + name);
    }
    long product = 1;
    for (int d : shape) {
      product *= d;
    }
    if (shape.length > 0 && product != length) {
      throw new IllegalArgumentException("section " + name + ": shape product " + product + " != length " + length);
    }
    out.writeByte(type);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    out.writeShort(n.length);
    out.write(n);
    out.writeInt(length);
    out.writeByte(shape.length);
    for (int d : shape) {
      out.writeInt(d);
    }
  }
}
