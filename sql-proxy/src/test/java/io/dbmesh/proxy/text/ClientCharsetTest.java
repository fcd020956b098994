package io.dbmesh.proxy.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Strict decoding of statement text: the ASCII shortcut gives what the set's decoder gives, and only that. */
class ClientCharsetTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    @Test
    void asciiTextReadsTheSameInEverySetThatHasAShortcut() {
        byte[] all = new byte[128];
        for (int i = 0; i < 128; i++) all[i] = (byte) i;
        String expected = new String(all, StandardCharsets.US_ASCII);
        for (String set : new String[] {"utf8mb4", "utf8", "latin1", "ascii"}) {
            assertThat(ClientCharset.of(set).decodeStrict(all, 0, all.length)).as(set).isEqualTo(expected);
            assertThat(ClientCharset.of(set).decodeStrict(all, 65, 91)).as(set).isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
    }

    @Test
    void nonAsciiBytesStillGoThroughTheDecoder() {
        byte[] euro = "SELECT '€é'".getBytes(StandardCharsets.UTF_8);
        assertThat(ClientCharset.UTF8MB4.decodeStrict(euro, 0, euro.length)).isEqualTo("SELECT '€é'");
        assertThat(ClientCharset.UTF8MB4.decodeStrict(bytes('a', 0xc3), 0, 2)).isNull(); // a cut two-byte sequence
        assertThat(ClientCharset.of("latin1").decodeStrict(bytes('x', 0x80), 0, 2)).isEqualTo("x€"); // MariaDB's latin1 is cp1252
        assertThat(ClientCharset.of("ascii").decodeStrict(bytes('x', 0x80), 0, 2)).isNull();
        assertThat(ClientCharset.of("binary").decodeStrict(bytes('x', 0x80), 0, 2)).isNull();
        assertThat(ClientCharset.of("binary").decodeStrict(bytes('x', 'y'), 0, 2)).isEqualTo("xy");
    }

    /** sjis takes no shortcut: what Java's decoder makes of its single bytes decides, as before. */
    @Test
    void setsWithoutTheShortcutDecodeAsTheirDecoderDoes() {
        byte[] text = bytes('a', 0x5c, 0x7e, 'b');
        ClientCharset sjis = ClientCharset.of("sjis");
        assertThat(sjis.decodeStrict(text, 0, text.length)).isEqualTo(new String(text, sjis.java()));
    }
}
