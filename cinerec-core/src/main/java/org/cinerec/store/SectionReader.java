package org.cinerec.store;

import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;

/**
 * Reads the named, typed sections of a model file (written by {@link ModelWriter}); what they mean is the
 * writer's business. A missing or mistyped section is a clear error naming the file and the section.
 */
public final class SectionReader {
  private record Section(byte type, long offset, int length, int[] shape) {}

  private final String file;
  private final String kind;
  private final FileBytes bytes;
  private final Map<String, Section> sections = new HashMap<>();
  private final long first;
  private final List<Long> starts = new ArrayList<>();

  /** {@code first}: where the first section starts in {@code bytes} (which end before the checksum). */
  SectionReader(String file, String kind, FileBytes bytes, long first) {
    this.file = file;
    this.kind = kind;
    this.bytes = bytes;
    this.first = first;
  }

  /** Indexes the sections from the first to the END marker. */
  void scan() {
    long p = first;
    while (true) {
      starts.add(p);
      byte type = bytes.get(p++);
      if (type == ModelWriter.END) {
        return;
      }
      byte[] n = bytes.bytes(p + 2, bytes.getShort(p));
      p += 2 + n.length;
      String name = new String(n, StandardCharsets.UTF_8);
      int length = bytes.getInt(p);
      p += 4;
      int[] shape = new int[bytes.get(p++)];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = bytes.getInt(p);
        p += 4;
      }
      sections.put(name, new Section(type, p, length, shape));
      p += payloadBytes(type, length, p);
    }
  }

  private long payloadBytes(byte type, int length, long start) {
    if (length < 0) {
      throw new CinerecException(file + ": a section's length is negative (damaged file?)");
    }
    switch (type) {
      case ModelWriter.FLOATS, ModelWriter.INTS -> {
        return 4L * length;
      }
      case ModelWriter.DOUBLES, ModelWriter.LONGS -> {
        return 8L * length;
      }
      case ModelWriter.JSON -> {
        return length;
      }
      case ModelWriter.STRINGS -> {
        long p = start;
        for (int i = 0; i < length; i++) {
          int len = bytes.getInt(p);
          p += 4 + Math.max(0, len);
        }
        return p - start;
      }
      default -> throw new CinerecException(file + ": unknown section type " + type + " (damaged file?)");
    }
  }

  /** Each section's start in the file, then the end marker's. */
  long[] starts() {
    return starts.stream().mapToLong(Long::longValue).toArray();
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
    bytes.floats(s.offset(), out);
    return out;
  }

  public int[] ints(String name) {
    Section s = section(name, ModelWriter.INTS);
    int[] out = new int[s.length()];
    bytes.ints(s.offset(), out);
    return out;
  }

  public double[] doubles(String name) {
    Section s = section(name, ModelWriter.DOUBLES);
    double[] out = new double[s.length()];
    bytes.doubles(s.offset(), out);
    return out;
  }

  public long[] longs(String name) {
    Section s = section(name, ModelWriter.LONGS);
    long[] out = new long[s.length()];
    bytes.longs(s.offset(), out);
    return out;
  }

  public double getDouble(String name) {
    return doubles(name)[0];
  }

  public String[] strings(String name) {
    Section s = section(name, ModelWriter.STRINGS);
    String[] out = new String[s.length()];
    long p = s.offset();
    for (int i = 0; i < out.length; i++) {
      int len = bytes.getInt(p);
      p += 4;
      if (len >= 0) {
        out[i] = new String(bytes.bytes(p, len), StandardCharsets.UTF_8);
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
    return bytes.bytes(s.offset(), s.length());
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
