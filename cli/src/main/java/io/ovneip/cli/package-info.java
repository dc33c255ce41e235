/**
 * Layer: cli (entry point). The one executable, {@code ovn-eip}: parses command lines and flags
 * into the controller's and the agent's options, serves metrics and health, and prints {@code
 * ovn-eip status}. Decides nothing; every decision is the model's, every effect the controller's or
 * the agent's.
 */
package io.ovneip.cli;
