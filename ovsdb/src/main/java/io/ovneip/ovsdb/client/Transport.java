package io.ovneip.ovsdb.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A connected byte stream to one remote. One thread reads, any thread writes (writes are serialized
 * by the caller). {@link #close()} from any thread unblocks a blocked reader.
 */
interface Transport extends AutoCloseable {
  /** Reads into {@code buf}; -1 at end of stream. */
  int read(byte[] buf) throws IOException;

  /** Writes all of {@code data}. */
  void write(byte[] data) throws IOException;

  @Override
  void close();

  /** Opens a transport to {@code remote}; {@code tls} is needed only for ssl remotes. */
  static Transport open(Remote remote, Duration connectTimeout, SSLContext tls) throws IOException {
    return switch (remote.kind()) {
      case TCP -> ChannelTransport.tcp(remote.socketAddress(), connectTimeout);
      case UNIX -> ChannelTransport.unix(remote);
      case SSL -> TlsTransport.open(remote.socketAddress(), connectTimeout, tls);
    };
  }

  /**
   * tcp and unix over one blocking {@link SocketChannel}. Reads and writes go straight to the
   * channel: on Java 17, wrapping one channel in both {@code Channels.newInputStream} and {@code
   * newOutputStream} deadlocks a writer behind a blocked reader.
   */
  final class ChannelTransport implements Transport {
    private final SocketChannel channel;

    private ChannelTransport(SocketChannel channel) {
      this.channel = channel;
    }

    static ChannelTransport tcp(InetSocketAddress address, Duration timeout) throws IOException {
      SocketChannel ch = SocketChannel.open();
      try {
        ch.socket().setTcpNoDelay(true);
        ch.socket().connect(address, (int) timeout.toMillis()); // bounded connect
        return new ChannelTransport(ch);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    }

    static ChannelTransport unix(Remote remote) throws IOException {
      SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        ch.connect(UnixDomainSocketAddress.of(remote.path())); // local: refuses or accepts at once
        return new ChannelTransport(ch);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    }

    @Override
    public int read(byte[] buf) throws IOException {
      return channel.read(ByteBuffer.wrap(buf));
    }

    @Override
    public void write(byte[] data) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing left to do with a socket we are abandoning
      }
    }
  }

  /** ssl: TLS over a plain socket; the handshake is bounded by the connect timeout. */
  final class TlsTransport implements Transport {
    private final Socket raw;
    private final SSLSocket ssl;

    private TlsTransport(Socket raw, SSLSocket ssl) {
      this.raw = raw;
      this.ssl = ssl;
    }

    static TlsTransport open(InetSocketAddress address, Duration timeout, SSLContext context)
        throws IOException {
      Socket raw = new Socket();
      try {
        raw.setTcpNoDelay(true);
        raw.connect(address, (int) timeout.toMillis());
        SSLSocket ssl =
            (SSLSocket)
                context
                    .getSocketFactory()
                    .createSocket(raw, address.getHostString(), address.getPort(), true);
        ssl.setUseClientMode(true);
        ssl.setSoTimeout((int) timeout.toMillis());
        ssl.startHandshake();
        ssl.setSoTimeout(0); // from now on silence is the inactivity probe's business
        return new TlsTransport(raw, ssl);
      } catch (IOException | RuntimeException e) {
        raw.close();
        throw e;
      }
    }

    @Override
    public int read(byte[] buf) throws IOException {
      return ssl.getInputStream().read(buf);
    }

    @Override
    public void write(byte[] data) throws IOException {
      ssl.getOutputStream().write(data);
      ssl.getOutputStream().flush();
    }

    @Override
    public void close() {
      try {
        raw.close(); // closing the plain socket never waits for a TLS close_notify exchange
      } catch (IOException e) {
        // abandoning the socket anyway
      }
    }
  }
}
