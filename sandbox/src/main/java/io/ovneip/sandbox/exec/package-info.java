/**
 * Layer: sandbox. Runs external programs ({@code ovn-nbctl}, {@code ovn-sbctl}, {@code kubectl},
 * {@code java}) with a deadline on every call, so that a hung child can never hang the sandbox.
 */
package io.ovneip.sandbox.exec;
