/**
 * Layer: model/diff (pure). The difference between desired and observed ({@link
 * io.ovneip.model.diff.NbDiff} of the desired rows and the observed owned rows of {@link
 * io.ovneip.model.observed} to a {@link io.ovneip.model.diff.Plan}), and the encoding of a plan
 * into the operations of one RFC 7047 transaction ({@link io.ovneip.model.diff.PlanEncoder}).
 * Desired vs observed, never old vs new: an owned row that is not desired is deleted (architecture
 * rule 3).
 */
package io.ovneip.model.diff;
