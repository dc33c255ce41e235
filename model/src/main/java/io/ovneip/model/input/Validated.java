package io.ovneip.model.input;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A parsed value, or every reason it could not be parsed. Parsers collect all errors at once so a
 * user fixes a ConfigMap in one round (docs/behaviour.md §2.1).
 */
public sealed interface Validated<T> {

  static <T> Validated<T> valid(T value) {
    return new Valid<>(value);
  }

  static <T> Validated<T> invalid(List<FieldError> errors) {
    return new Invalid<>(errors);
  }

  static <T> Validated<T> invalid(String key, String message) {
    return new Invalid<>(List.of(new FieldError(key, message)));
  }

  /** The value; empty when invalid. */
  Optional<T> value();

  /** The errors; empty when valid. */
  List<FieldError> errors();

  default boolean isValid() {
    return value().isPresent();
  }

  /**
   * The value, or an {@link IllegalStateException} listing the errors (for tests and callers that
   * checked).
   */
  default T orElseThrow() {
    return value().orElseThrow(() -> new IllegalStateException("invalid: " + errors()));
  }

  default <R> Validated<R> map(Function<? super T, ? extends R> f) {
    return value().<Validated<R>>map(v -> valid(f.apply(v))).orElseGet(() -> invalid(errors()));
  }

  /** A valid value. */
  record Valid<T>(T get) implements Validated<T> {
    public Valid {
      Objects.requireNonNull(get, "value");
    }

    @Override
    public Optional<T> value() {
      return Optional.of(get);
    }

    @Override
    public List<FieldError> errors() {
      return List.of();
    }
  }

  /** At least one error. */
  record Invalid<T>(List<FieldError> errors) implements Validated<T> {
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid value needs at least one error");
      }
    }

    @Override
    public Optional<T> value() {
      return Optional.empty();
    }
  }
}
