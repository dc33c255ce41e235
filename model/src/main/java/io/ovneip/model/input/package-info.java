/**
 * Layer: model/input (pure). Parses the raw strings of Kubernetes objects (ConfigMap data, pod and
 * node annotations) and flags into validated records; bad input is a value ({@link
 * io.ovneip.model.input.Validated} with {@link io.ovneip.model.input.FieldError}s naming each key),
 * never an exception. IP literals are parsed here without {@code java.net}, so no text can ever
 * trigger a DNS lookup.
 */
package io.ovneip.model.input;
