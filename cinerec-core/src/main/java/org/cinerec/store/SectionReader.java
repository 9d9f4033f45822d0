package org.cinerec.store;

import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.cinerec.CinerecException;

/**
 * Reads the named, typed sections of a model file (written by {@link ModelWriter}); what they mean is the
 * writer's business. A missing or mistyped section is a clear error naming the file and the section.
 */
public final class SectionReader {
  private record Section(byte type, int offset, int length, int[] shape) {}

  private final String file;
  private final String kind;
  private final ByteBuffer buf;
  private final Map<String, Section> sections = new HashMap<>();
  private final int base;
  private final java.util.List<Integer> starts = new java.util.ArrayList<>();

  /** {@code base}: where {@code buf}'s first byte is in the file (for {@link #starts()}). */
  SectionReader(String file, String kind, ByteBuffer buf, int base) {
    this.file = file;
    this.kind = kind;
    this.buf = buf.order(ByteOrder.BIG_ENDIAN);
    this.base = base;
  }

  /** Indexes the sections from the buffer's position to the END marker. */
  void scan() {
    while (true) {
      starts.add(base + buf.position());
      byte type = buf.get();
      if (type == ModelWriter.END) {
        return;
      }
      byte[] n = new byte[buf.getShort()];
      buf.get(n);
      String name = new String(n, StandardCharsets.UTF_8);
      int length = buf.getInt();
      int[] shape = new int[buf.get()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = buf.getInt();
      }
      int start = buf.position();
      sections.put(name, new Section(type, start, length, shape));
      buf.position(start + payloadBytes(type, length, start));
    }
  }

  private int payloadBytes(byte type, int length, int start) {
    switch (type) {
      case ModelWriter.FLOATS, ModelWriter.INTS -> {
        return Math.multiplyExact(length, 4);
      }
      case ModelWriter.DOUBLES, ModelWriter.LONGS -> {
        return Math.multiplyExact(length, 8);
      }
      case ModelWriter.JSON -> {
        return length;
      }
      case ModelWriter.STRINGS -> {
        int p = start;
        for (int i = 0; i < length; i++) {
          int len = buf.getInt(p);
          p += 4 + Math.max(0, len);
        }
        return p - start;
      }
      default -> throw new CinerecException(file + ": unknown section type " + type + " (damaged file?)");
    }
  }

  /** Each section's start in the file, then the end marker's. */
  long[] starts() {
    return starts.stream().mapToLong(Integer::longValue).toArray();
  }

  /** The file's name, for messages. */
  public String file() {
    return file;
  }

  public boolean has(String name) {
    return sections.containsKey(name);
  }

  /** The shape the section was written with (empty for a plain vector). */
  public int[] shape(String name) {
    return section(name, null).shape().clone();
  }

  public float[] floats(String name) {
    Section s = section(name, ModelWriter.FLOATS);
    float[] out = new float[s.length()];
    buf.duplicate().position(s.offset()).slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  public int[] ints(String name) {
    Section s = section(name, ModelWriter.INTS);
    int[] out = new int[s.length()];
    buf.duplicate().position(s.offset()).slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }

  public double[] doubles(String name) {
    Section s = section(name, ModelWriter.DOUBLES);
    double[] out = new double[s.length()];
    buf.duplicate().position(s.offset()).slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }

  public long[] longs(String name) {
    Section s = section(name, ModelWriter.LONGS);
    long[] out = new long[s.length()];
    buf.duplicate().position(s.offset()).slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
    return out;
  }

  public double getDouble(String name) {
    return doubles(name)[0];
  }

  public String[] strings(String name) {
    Section s = section(name, ModelWriter.STRINGS);
    String[] out = new String[s.length()];
    int p = s.offset();
    for (int i = 0; i < out.length; i++) {
      int len = buf.getInt(p);
      p += 4;
      if (len >= 0) {
        byte[] b = new byte[len];
        buf.duplicate().position(p).get(b);
        out[i] = new String(b, StandardCharsets.UTF_8);
        p += len;
      }
    }
    return out;
  }

  public <T> T json(String name, Class<T> type) throws IOException {
    return ModelWriter.MAPPER.readValue(jsonBytes(name), type);
  }

  public <T> T json(String name, JavaType type) throws IOException {
    return ModelWriter.MAPPER.readValue(jsonBytes(name), type);
  }

  private byte[] jsonBytes(String name) {
    Section s = section(name, ModelWriter.JSON);
    byte[] b = new byte[s.length()];
    buf.duplicate().position(s.offset()).get(b);
    return b;
  }

  private Section section(String name, Byte type) {
    Section s = sections.get(name);
    if (s == null) {
      throw new CinerecException(file + ": section \"" + name + "\" is missing (is this a " + kind
          + " model written by another version?)");
    }
    if (type != null && s.type() != type) {
      throw new CinerecException(file + ": section \"" + name + "\" has type " + s.type() + ", expected " + type);
    }
    return s;
  }
}
