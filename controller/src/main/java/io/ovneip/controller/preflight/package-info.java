/**
 * Preflight: what ovn-eip can see of Kube-OVN's settings that would make the two fight
 * (kube-ovn-coexistence.md section 2). Kubernetes edge, read only.
 */
package io.ovneip.controller.preflight;
