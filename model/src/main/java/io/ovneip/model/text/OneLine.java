package io.ovneip.model.text;

import java.nio.charset.StandardCharsets;

/**
 * Every Event and condition message is one line of at most {@link #MAX_BYTES} bytes
 * (docs/behaviour.md §5): a 300 KB annotation quoted in a message must not become a 300 KB Event.
 * Line breaks and tabs become spaces, other control characters go, and a longer text is cut at a
 * character boundary with an ellipsis (client-go's recorder truncates Events the same way).
 */
public final class OneLine {
  public static final int MAX_BYTES = 1024;
  private static final String ELLIPSIS = "…";

  private OneLine() {}

  public static String of(String text) {
    StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_BYTES + 8));
    int bytes = 0;
    boolean cut = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n' || cp == '\r' || cp == '\t') {
        cp = ' ';
      } else if (Character.isISOControl(cp)
          || Character.getType(cp) == Character.FORMAT
          || cp == 0x2028
          || cp == 0x2029) {
        continue;
      }
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_BYTES) {
        cut = true;
        break;
      }
      clean.appendCodePoint(cp);
      bytes += size;
    }
    if (!cut) {
      return clean.toString();
    }
    int room = MAX_BYTES - ELLIPSIS.getBytes(StandardCharsets.UTF_8).length;
    while (clean.toString().getBytes(StandardCharsets.UTF_8).length > room) {
      int last = clean.codePointBefore(clean.length());
      clean.setLength(clean.length() - Character.charCount(last));
    }
    return clean.append(ELLIPSIS).toString();
  }
}
