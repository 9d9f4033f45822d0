package org.cinerec.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonAppend;
import com.fasterxml.jackson.databind.cfg.ContextAttributes;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.ser.VirtualBeanPropertyWriter;
import com.fasterxml.jackson.databind.util.Annotations;
import org.cinerec.serve.MovieRef;
import org.cinerec.serve.RankedMovie;

/**
 * Every movie tile the service writes carries {@code "poster"}: the URL of its local poster
 * ({@link Posters#url}), or null. The tiles are core's {@link RankedMovie} (lists, rows, similar movies) and
 * {@link MovieRef} (search, the starter set, a prediction's movie); the field is added when this server's
 * mapper writes them ({@link #mapper}), so core's records and the CLI's JSON stay free of a server concern.
 */
final class Tiles {
  private Tiles() {}

  /** The attribute under which the mapper holds the server's posters. */
  private static final Object POSTERS = Posters.class;

  /** The service's mapper ({@link Json#MAPPER}) whose tiles name their posters in {@code posters}. */
  static ObjectMapper mapper(Posters posters) {
    ObjectMapper m = Json.MAPPER.copy();
    m.addMixIn(RankedMovie.class, TileMixin.class);
    m.addMixIn(MovieRef.class, TileMixin.class);
    m.setDefaultAttributes(ContextAttributes.getEmpty().withSharedAttribute(POSTERS, posters));
    return m;
  }

  @JsonAppend(props = @JsonAppend.Prop(value = PosterWriter.class, name = "poster",
      include = JsonInclude.Include.ALWAYS))
  private abstract static class TileMixin {}

  /** Writes a tile's {@code poster}: its URL, or null. */
  static final class PosterWriter extends VirtualBeanPropertyWriter {
    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    PosterWriter() {}

    private PosterWriter(BeanPropertyDefinition propDef, Annotations contextAnnotations, JavaType declaredType) {
      super(propDef, contextAnnotations, declaredType);
    }

    @Override
    protected Object value(Object bean, JsonGenerator gen, SerializerProvider prov) {
      Object p = prov.getAttribute(POSTERS);
      if (!(p instanceof Posters posters)) {
        return null;
      }
      String id = bean instanceof RankedMovie r ? r.movieId() : bean instanceof MovieRef m ? m.movieId() : null;
      return posters.url(id);
    }

    @Override
    public VirtualBeanPropertyWriter withConfig(MapperConfig<?> config, AnnotatedClass declaringClass,
        BeanPropertyDefinition propDef, JavaType type) {
      return new PosterWriter(propDef, declaringClass.getAnnotations(), type);
    }
  }
}
