/**
 * Layer: bench. What the controller's Northbound side holds in memory with a cluster-sized NB (a
 * port per pod), with the monitor's column lists and without, and what one update costs it.
 */
package io.ovneip.bench.memory;
