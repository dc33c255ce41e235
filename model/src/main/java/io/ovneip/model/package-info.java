/**
 * Layer: model (pure). Everything ovn-eip decides without I/O: validated inputs ({@code input}),
 * typed Northbound rows ({@code nb}), the desired state ({@code desired}), the owned rows the
 * database holds ({@code observed}) and the plan that turns observed rows into desired ones ({@code
 * diff}). No Kubernetes client, no {@code java.net}, no sockets, no clock, no environment, no
 * static mutable state: an ArchUnit test enforces it.
 */
package io.ovneip.model;
