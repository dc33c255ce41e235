/**
 * Layer: controller runtime. The level-triggered work queue: informer callbacks only add keys; one
 * worker takes every ready key as a batch, so many changes at once become one reconcile and one
 * transaction.
 */
package io.ovneip.controller.queue;
