package io.ovneip.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Chooses the database of an {@link OvsdbServer} parameter resolved by {@link OvsdbExtension}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface WithSchema {
  Schema value();
}
