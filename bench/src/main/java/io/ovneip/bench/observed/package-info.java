/**
 * Layer: bench. What the controller pays to read Northbound per reconcile: the owner-indexed view
 * ({@link io.ovneip.model.observed.ObservedNbIndex}) against a whole-table read, and its cost per
 * replica update.
 */
package io.ovneip.bench.observed;
