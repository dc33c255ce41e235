/**
 * Layer: sandbox. {@code ovn-eip sandbox up|down|demo}: the whole system on one machine without a
 * cluster. {@code up} starts a detached JVM ({@link io.ovneip.sandbox.SandboxDaemon}) that runs
 * real NB and SB ovsdb-servers and ovn-northd (detached daemons), the embedded Kubernetes API, the
 * CNI stand-in and the controller; every pid is recorded under the sandbox dir so that {@code down}
 * stops exactly what was started. {@code demo} walks through the user's document with the real
 * {@code kubectl} and {@code ovn-nbctl}.
 *
 * <p>This module is never on the controller's or the agent's runtime classpath: it carries the
 * fabric8 mock server and its Vert.x/Netty/BouncyCastle dependencies.
 */
package io.ovneip.sandbox;
