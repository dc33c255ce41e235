/**
 * Layer: controller, Kubernetes edge. Informers, Events, pod status and node labels, and the
 * parsing of Kubernetes objects into the model's records ({@link
 * io.ovneip.controller.kube.KubeInputs}: which pod fields are inputs is written there once).
 * Everything here talks to the API server and nothing else; parsing into the model's records
 * happens at this edge, decisions do not.
 */
package io.ovneip.controller.kube;
