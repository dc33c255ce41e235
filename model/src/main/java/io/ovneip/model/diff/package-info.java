/**
 * Layer: model/diff (pure). Observed owned rows ({@link io.ovneip.model.diff.ObservedNb}, kept by
 * owner from replica updates in an {@link io.ovneip.model.diff.ObservedNbIndex}), the difference
 * between desired and observed ({@link io.ovneip.model.diff.NbDiff} to a {@link
 * io.ovneip.model.diff.Plan}), and the encoding of a plan into the operations of one RFC 7047
 * transaction ({@link io.ovneip.model.diff.PlanEncoder}). Desired vs observed, never old vs new: an
 * owned row that is not desired is deleted (architecture rule 3).
 */
package io.ovneip.model.diff;
