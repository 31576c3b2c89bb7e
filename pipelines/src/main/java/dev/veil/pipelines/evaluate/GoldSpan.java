package dev.veil.pipelines.evaluate;

import dev.veil.transforms.deidentify.detect.EntityType;

/**
 * One labelled span of an evaluation document: characters [start, end) are a value of {@code type}. {@code kind} says
 * which sort of value was planted there ({@code visa}, {@code iban_de}, {@code uk_nino}, {@code directory_email},
 * {@code outside_full_name}, …) so that recall can be broken down further than the entity type.
 */
public record GoldSpan(EntityType type, String kind, int start, int end) {
  public GoldSpan {
    if (type == null || kind == null || start < 0 || end <= start) {
      throw new IllegalArgumentException("a gold span needs a type, a kind and 0 <= start < end");
    }
  }

  public boolean overlaps(int otherStart, int otherEnd) {
    return start < otherEnd && otherStart < end;
  }
}
