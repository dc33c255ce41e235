package io.ovneip.sandbox.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the walk-through runs against: the tools, the sandbox's endpoints and where to put files.
 *
 * @param kubectl the kubectl binary
 * @param nbctl the ovn-nbctl binary
 * @param vsctl the ovs-vsctl binary
 * @param kubeconfig the sandbox's kubeconfig
 * @param nbRemote the NB database ({@code $OVN_NB_DB})
 * @param ovsDbs node name to its Open_vSwitch DB remote, in node order
 * @param variables remote to the shell variable that holds it (printed instead of the value)
 * @param files where the YAML files the user applies are written
 * @param changeTimeout how long the controller and agents may take for each change
 * @param outsideNetns the outside host's network namespace when the sandbox has a dataplane (then
 *     the walk-through checks packets too)
 */
public record DemoTarget(
    Path kubectl,
    Path nbctl,
    Path vsctl,
    Path kubeconfig,
    String nbRemote,
    Map<String, String> ovsDbs,
    Map<String, String> variables,
    Path files,
    Duration changeTimeout,
    Optional<String> outsideNetns) {
  public DemoTarget {
    Objects.requireNonNull(kubectl, "kubectl");
    Objects.requireNonNull(nbctl, "nbctl");
    Objects.requireNonNull(vsctl, "vsctl");
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(nbRemote, "nbRemote");
    ovsDbs = Collections.unmodifiableMap(new LinkedHashMap<>(ovsDbs));
    variables = Map.copyOf(variables);
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(changeTimeout, "changeTimeout");
    Objects.requireNonNull(outsideNetns, "outsideNetns");
  }
}
