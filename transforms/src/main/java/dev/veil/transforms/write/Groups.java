package dev.veil.transforms.write;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;

/** Views of a grouped value list that read it once, as the runner delivers it, without copying it. */
final class Groups {
  private Groups() {}

  /** The elements of {@code group} that {@code keep} accepts, each mapped by {@code as}, lazily. */
  static <T, R> Iterable<R> filtered(Iterable<T> group, Predicate<T> keep, Function<T, R> as) {
    return () ->
        new Iterator<>() {
          private final Iterator<T> in = group.iterator();
          private R next = advance();

          private R advance() {
            while (in.hasNext()) {
              T t = in.next();
              if (keep.test(t)) {
                return as.apply(t);
              }
            }
            return null;
          }

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public R next() {
            if (next == null) {
              throw new NoSuchElementException();
            }
            R r = next;
            next = advance();
            return r;
          }
        };
  }
}
