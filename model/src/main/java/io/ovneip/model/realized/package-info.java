/**
 * Layer: model/realized (pure). Whether the chassis serving a pod has installed the flows for the
 * pod's latest committed rows, from the Southbound's per-chassis {@code nb_cfg} reports, and which
 * gateway chassis has stopped catching up for long enough to be demoted (docs/behaviour.md §5.5,
 * §5.6). Times are milliseconds given by the edge; nothing here reads a clock.
 */
package io.ovneip.model.realized;
