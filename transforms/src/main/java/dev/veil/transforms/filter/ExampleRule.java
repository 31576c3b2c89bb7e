package dev.veil.transforms.filter;

import dev.veil.schemas.Example;
import java.io.Serializable;
import java.util.Optional;

/** A filter rule on an assembled example: empty keeps it; otherwise a short machine-readable drop reason. */
@FunctionalInterface
public interface ExampleRule extends Serializable {
  Optional<String> dropReason(Example example);
}
