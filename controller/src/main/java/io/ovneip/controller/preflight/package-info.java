/**
 * Preflight: what ovn-eip can see of Kube-OVN's settings that would make the two fight
 * (docs/behaviour.md §8). Kubernetes edge, read only.
 */
package io.ovneip.controller.preflight;
