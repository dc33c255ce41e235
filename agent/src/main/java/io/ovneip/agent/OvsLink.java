package io.ovneip.agent;

import io.ovneip.model.ovs.ObservedOvs;
import io.ovneip.ovsdb.protocol.Operation;
import java.time.Duration;
import java.util.List;

/**
 * The agent's only door to the local Open_vSwitch DB: a monitored replica of the four tables it
 * reads, and transact. The implementation owns the connection; the agent never sees a socket.
 */
interface OvsLink extends AutoCloseable {

  /** Connects if needed and blocks until the replica holds the server's initial contents. */
  void awaitInitial(Duration timeout) throws InterruptedException;

  /** Calls {@code listener} (on the link's thread; it must only signal) after each change. */
  void onChange(Runnable listener);

  /** The replica now, typed. */
  ObservedOvs observed();

  /** Sends one transaction and waits for its result; throws if the server refused any part. */
  void transact(List<Operation> operations) throws Exception;

  @Override
  void close();
}
