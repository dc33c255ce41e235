/**
 * Layer: controller. Reconciles a batch of keys: Kubernetes objects are parsed into the model's
 * records, the model computes the desired rows and the plan, the Northbound writer applies it in
 * one transaction, and status goes back to Kubernetes. No decision is made here that the model
 * could make.
 */
package io.ovneip.controller.reconcile;
