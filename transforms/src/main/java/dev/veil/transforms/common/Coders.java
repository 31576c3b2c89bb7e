package dev.veil.transforms.common;

import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;

/** Coders for the Avro record types in {@code schemas/}: every stage sets them on what it creates. */
public final class Coders {
  private Coders() {}

  public static <T extends SpecificRecord> AvroCoder<T> avro(Class<T> type) {
    return AvroCoder.specific(type);
  }
}
