package dev.veil.transforms.filter;

import dev.veil.schemas.AnonMessage;

/** A filter rule on a de-identified message: empty keeps it; otherwise a short machine-readable drop reason. */
@FunctionalInterface
public interface MessageRule extends Rule<AnonMessage> {}
