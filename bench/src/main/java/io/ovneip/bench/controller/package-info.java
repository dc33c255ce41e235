/**
 * Layer: bench. The controller benchmark (issue 7): the controller in its own JVM with the deployed
 * options at N pods, watched from outside (an independent Northbound monitor, pod watches), against
 * the baselines (L) raw limit, (C) {@code ovn-nbctl} chunked, (K) {@code ovn-nbctl} once per pod
 * measured in the same run; the report in Markdown and JSON with plots and CPU per phase.
 */
package io.ovneip.bench.controller;
