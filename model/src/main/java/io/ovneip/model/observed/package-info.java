/**
 * Layer: model/observed (pure). What the Northbound database holds of ours: the owned rows ({@link
 * io.ovneip.model.observed.ObservedNb}, one owner's rows and the rows that refer to them), kept by
 * owner from replica updates ({@link io.ovneip.model.observed.RowChange}) in an {@link
 * io.ovneip.model.observed.ObservedNbIndex}. The diff reads this package; this package knows
 * nothing of desired state or of the diff (architecture rule 3: desired vs observed).
 */
package io.ovneip.model.observed;
