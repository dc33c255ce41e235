package io.ovneip.ovsdb.client;

import java.util.Arrays;

/**
 * Splits the byte stream into JSON-RPC messages. RFC 7047 section 4 sends JSON values back to back
 * with no delimiter, so message boundaries are found by tracking object/array depth outside
 * strings. Every message must be an object (section 4.1); anything else, or a message larger than
 * the limit, is a protocol error.
 */
final class JsonFramer {
  /** Receives each complete message's bytes (valid only during the call). */
  interface Sink {
    void message(byte[] buf, int offset, int length);
  }

  private final int maxMessageBytes;
  private static final int INITIAL_BYTES = 64 * 1024;
  private byte[] buf = new byte[INITIAL_BYTES];
  private int len; // bytes held
  private int scan; // next byte to scan
  private int start = -1; // offset of the current message's '{', or -1 between messages
  private int depth;
  private byte[] closers = new byte[32]; // the closer each open bracket expects
  private boolean inString;
  private boolean escaped;

  JsonFramer(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Bytes of an incomplete message held (non-zero at end of stream = closed mid-message). */
  int buffered() {
    return start < 0 ? 0 : len - start;
  }

  void feed(byte[] data, int off, int n, Sink sink) {
    append(data, off, n);
    for (; scan < len; scan++) {
      byte b = buf[scan];
      if (start < 0) {
        if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
          continue;
        }
        if (b != '{') {
          throw new OvsdbProtocolException(
              "expected a JSON object at the start of a message, got '" + (char) (b & 0xff) + "'");
        }
        start = scan;
        depth = 0;
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        push(b == '{' ? (byte) '}' : (byte) ']');
      } else if (b == '}' || b == ']') {
        // Checked here, not left to the parser: an unbalanced message would never end.
        if (closers[--depth] != b) {
          throw new OvsdbProtocolException(
              "malformed JSON: '"
                  + (char) b
                  + "' closes a '"
                  + (closers[depth] == '}' ? '{' : '[')
                  + "'");
        }
        if (depth == 0) {
          sink.message(buf, start, scan + 1 - start);
          start = -1;
        }
      }
      if (start >= 0 && scan + 1 - start > maxMessageBytes) {
        throw new OvsdbProtocolException(
            "message exceeds the "
                + maxMessageBytes
                + "-byte limit (maxMessageBytes: by default 1/16 of the JVM's heap of "
                + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB, at most 256 MiB; a larger heap, -Xmx, accepts larger messages)");
      }
    }
    compact();
  }

  private void push(byte closer) {
    if (depth == closers.length) {
      closers = Arrays.copyOf(closers, depth * 2);
    }
    closers[depth++] = closer;
  }

  private void append(byte[] data, int off, int n) {
    if (len + n > buf.length) {
      compact();
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }
    System.arraycopy(data, off, buf, len, n);
    len += n;
  }

  /** Drops consumed bytes so the buffer only holds the current partial message. */
  private void compact() {
    int keep = start < 0 ? scan : start;
    if (keep == 0) {
      return;
    }
    System.arraycopy(buf, keep, buf, 0, len - keep);
    len -= keep;
    scan -= keep;
    if (start >= 0) {
      start -= keep;
    }
    if (buf.length > 16 * INITIAL_BYTES && len <= INITIAL_BYTES) {
      // One big message (a full monitor reply) grew the buffer; it must not stay that big.
      buf = Arrays.copyOf(buf, INITIAL_BYTES);
    }
  }

  /** The buffer's capacity now, for tests. */
  int capacity() {
    return buf.length;
  }
}
