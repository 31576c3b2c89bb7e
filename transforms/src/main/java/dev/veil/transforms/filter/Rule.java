package dev.veil.transforms.filter;

import java.io.Serializable;
import java.util.Optional;

/** A filter rule on a record: empty keeps it; otherwise a short machine-readable drop reason. */
@FunctionalInterface
public interface Rule<T> extends Serializable {
  Optional<String> dropReason(T record);
}
