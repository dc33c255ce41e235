/**
 * Layer: sandbox. {@code ovn-eip sandbox demo}: the user's document ("EIP and SNAT", Kube-OVN)
 * walked through on a running sandbox with the real {@code kubectl} and {@code ovn-nbctl}, printed
 * like a tutorial, every view checked. The checks parse what the user sees (the tools' text
 * output), not our own reading of the databases.
 */
package io.ovneip.sandbox.demo;
