/**
 * Layer: controller, Kubernetes edge. Informers, Events, pod status and node labels. Everything
 * here talks to the API server and nothing else; parsing into the model's records happens at this
 * edge, decisions do not.
 */
package io.ovneip.controller.kube;
