package dev.veil.transforms.filter;

import dev.veil.schemas.Example;

/** A filter rule on an assembled example: empty keeps it; otherwise a short machine-readable drop reason. */
@FunctionalInterface
public interface ExampleRule extends Rule<Example> {}
