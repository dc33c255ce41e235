/**
 * Layer: kubeapi (sandbox and test support, never a runtime dependency). An embedded,
 * kubectl-compatible Kubernetes API for the sandbox and the integration tests: fabric8's CRUD mock
 * server ({@code kubernetes-server-mock} 8.0) behind a correcting {@link
 * io.fabric8.mockwebserver.http.Dispatcher} and a small HTTP front that speaks plain-HTTP watches.
 *
 * <p>Each correction cites the trap it fixes by its number in {@code
 * shared/spec/sandbox-api-notes.md} ("trap 1" = JSON merge patch is not RFC 7386, and so on). Never
 * on the controller's or the agent's runtime classpath: the mock pulls Vert.x, Netty and
 * BouncyCastle.
 */
package io.ovneip.kubeapi;
