package io.dbmesh.proxy.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.util.HashMap;
import java.util.Map;

/**
 * MariaDB's {@code latin1}: windows-1252, except that the five bytes windows-1252 leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the C1 controls U+0081… (strings/ctype-latin1.c). Every byte
 * is a character, so a latin1 client's text always decodes; Java's windows-1252 would reject those
 * five and ISO-8859-1 would turn {@code €} (0x80) into U+0080.
 */
final class Latin1Charset extends Charset {
    private static final char[] TO_CHAR = new char[256];
    private static final Map<Character, Byte> TO_BYTE = new HashMap<>();

    static {
        Charset cp1252 = Charset.forName("windows-1252");
        for (int b = 0; b < 256; b++) {
            char c = (char) b;
            if (b >= 0x80 && b < 0xa0) {
                String s = new String(new byte[]{(byte) b}, cp1252);
                if (s.length() == 1 && s.charAt(0) != '\uFFFD') c = s.charAt(0);
            }
            TO_CHAR[b] = c;
            TO_BYTE.put(c, (byte) b);
        }
    }

    Latin1Charset() {
        super("x-mariadb-latin1", new String[0]);
    }

    @Override
    public boolean contains(Charset cs) {
        return cs instanceof Latin1Charset;
    }

    @Override
    public CharsetDecoder newDecoder() {
        return new CharsetDecoder(this, 1f, 1f) {
            @Override
            protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
                while (in.hasRemaining()) {
                    if (!out.hasRemaining()) return CoderResult.OVERFLOW;
                    out.put(TO_CHAR[in.get() & 0xff]);
                }
                return CoderResult.UNDERFLOW;
            }
        };
    }

    @Override
    public CharsetEncoder newEncoder() {
        return new CharsetEncoder(this, 1f, 1f) {
            @Override
            protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
                while (in.hasRemaining()) {
                    char c = in.get(in.position());
                    Byte b = TO_BYTE.get(c);
                    if (b == null) return CoderResult.unmappableForLength(1);
                    if (!out.hasRemaining()) return CoderResult.OVERFLOW;
                    in.get();
                    out.put(b);
                }
                return CoderResult.UNDERFLOW;
            }
        };
    }
}
