/**
 * Layer: testkit. Starts real daemons from Debian's Open vSwitch / OVN packages ({@code
 * ovsdb-server}, {@code ovn-northd}) under a private temp dir, on loopback TCP ports and unix
 * sockets, for integration tests and the sandbox. Nothing here ever touches the system's default
 * run, log or database directories.
 *
 * <p>Two ways to use it:
 *
 * <ul>
 *   <li>{@link io.ovneip.testkit.OvsdbExtension}: {@code @ExtendWith(OvsdbExtension.class)} and
 *       declare an {@link io.ovneip.testkit.OvsdbServer} or {@link io.ovneip.testkit.OvsdbCluster}
 *       parameter on a test, lifecycle method or constructor. The extension starts it and closes it
 *       (daemons stopped, temp dir deleted) when the scope that asked for it ends, whether the test
 *       passed or not. Pick the database with {@link io.ovneip.testkit.WithSchema}.
 *   <li>Directly: every daemon wrapper is {@link java.lang.AutoCloseable}; use try-with-resources
 *       or close it in {@code @AfterAll}.
 * </ul>
 *
 * <p>A missing binary fails with the {@code apt-get} command that installs it ({@link
 * io.ovneip.testkit.Binaries}); tests never skip silently. Every wait has a timeout.
 */
package io.ovneip.testkit;
