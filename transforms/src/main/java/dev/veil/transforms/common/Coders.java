package dev.veil.transforms.common;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.extensions.avro.io.AvroDatumFactory;

/**
 * Coders for the Avro record types in {@code schemas/}: every stage sets them on what it creates.
 *
 * <p>They encode and decode through the code the Avro compiler generated for each record ({@code customEncode} /
 * {@code customDecode}) instead of Avro's generic, reflective record walk. Avro uses that code only when the data
 * model has custom coders switched on, which by default it has not (the {@code org.apache.avro.specific.use_custom_coders}
 * system property, read once per JVM); each reader and writer here gets its own model with them on, so no JVM flag is
 * needed on any runner. The bytes are Avro binary either way: the coder's encoding, and so every output, is unchanged.
 */
public final class Coders {
  private Coders() {}

  public static <T extends SpecificRecord> AvroCoder<T> avro(Class<T> type) {
    return AvroCoder.of(new GeneratedCode<>(type), SpecificData.getForClass(type).getSchema(type));
  }

  /** A specific-record datum factory whose readers and writers run the generated encode/decode methods. */
  static final class GeneratedCode<T> extends AvroDatumFactory.SpecificDatumFactory<T> {
    GeneratedCode(Class<T> type) {
      super(type);
    }

    @Override
    public DatumReader<T> apply(Schema writer, Schema reader) {
      return new SpecificDatumReader<>(writer, reader, model());
    }

    @Override
    public DatumWriter<T> apply(Schema writer) {
      return new SpecificDatumWriter<>(writer, model());
    }

    private SpecificData model() {
      SpecificData model = new SpecificData(getType().getClassLoader());
      model.setCustomCoders(true);
      return model;
    }
  }
}
