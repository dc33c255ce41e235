/**
 * Layer: bench. How many of the controller's status writes per second the embedded Kubernetes API
 * sustains with many pods stored and pod watches open, per API setup, in one run.
 */
package io.ovneip.bench.api;
