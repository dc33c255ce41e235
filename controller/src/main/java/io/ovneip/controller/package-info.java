/**
 * Layer: controller (runtime). Wires the controller's parts together and runs them: {@link
 * io.ovneip.controller.Controller} owns the connections, the informers, the leader gate and the
 * work queue, and hands each batch of keys to {@code reconcile}. Sub-packages: {@code kube} and
 * {@code ovn} (the edges), {@code queue}, {@code reconcile}, {@code publish} (status back to
 * Kubernetes), {@code status} ({@code ovn-eip status}), {@code leader}, {@code metrics}.
 */
package io.ovneip.controller;
