package org.cinerec.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * What every JSON cinerec writes (the CLI's {@code --json}, {@code compare --out}'s file, the service's
 * bodies) does with floating-point
 * numbers: finite values are JSON numbers, NaN and ±Infinity are {@code null} (JSON has no token for
 * them; Jackson would write the strings "NaN" and "Infinity", which a reader then takes for text). Covers
 * {@code double}/{@code float}, their boxes and their arrays, wherever they sit in a record or map.
 */
public final class JsonNumbers {
  private JsonNumbers() {}

  /** The module to register on an {@code ObjectMapper}. */
  public static SimpleModule module() {
    SimpleModule m = new SimpleModule("cinerec-json-numbers");
    JsonSerializer<Double> d = new JsonSerializer<>() {
      @Override
      public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
        write(g, v);
      }
    };
    JsonSerializer<Float> f = new JsonSerializer<>() {
      @Override
      public void serialize(Float v, JsonGenerator g, SerializerProvider p) throws IOException {
        if (Float.isFinite(v)) {
          g.writeNumber(v);
        } else {
          g.writeNull();
        }
      }
    };
    m.addSerializer(Double.class, d);
    m.addSerializer(Double.TYPE, d);
    m.addSerializer(Float.class, f);
    m.addSerializer(Float.TYPE, f);
    m.addSerializer(double[].class, new JsonSerializer<>() {
      @Override
      public void serialize(double[] a, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeStartArray(a, a.length);
        for (double v : a) {
          write(g, v);
        }
        g.writeEndArray();
      }
    });
    m.addSerializer(float[].class, new JsonSerializer<>() {
      @Override
      public void serialize(float[] a, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeStartArray(a, a.length);
        for (float v : a) {
          if (Float.isFinite(v)) {
            g.writeNumber(v);
          } else {
            g.writeNull();
          }
        }
        g.writeEndArray();
      }
    });
    return m;
  }

  private static void write(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeNull();
    }
  }
}
