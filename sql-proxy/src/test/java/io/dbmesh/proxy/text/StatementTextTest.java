package io.dbmesh.proxy.text;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StatementTextTest {
    private static final ClientCharset UTF8 = ClientCharset.UTF8MB4;
    private static final ClientCharset LATIN1 = ClientCharset.of("latin1");

    /** Concatenates ASCII text and raw bytes (ints) into one statement. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            else for (int b : (int[]) p) out.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void validUtf8IsDecodedAsIs() {
        String sql = "INSERT INTO t VALUES ('é😀', _binary'é', `col`) -- ü";
        assertThat(StatementText.decode(sql.getBytes(StandardCharsets.UTF_8), UTF8, false)).isEqualTo(sql);
    }

    @Test
    void invalidUtf8InABinaryLiteralBecomesHexOfItsUnescapedBytes() {
        byte[] sql = bytes("INSERT INTO t VALUES (1, _binary'", new int[]{0xff, 0xfe}, "\\0\\'\\\\\\n\\Z\\%x''", new int[]{0x80}, "')");
        assertThat(StatementText.decode(sql, UTF8, false))
                .isEqualTo("INSERT INTO t VALUES (1, _binary X'FFFE00275C0A1A5C257827" + "80')");
    }

    @Test
    void invalidUtf8InAPlainLiteralBecomesABinaryHexLiteral() {
        byte[] sql = bytes("SELECT 'ok', \"a", new int[]{0xc3, 0x28}, "\\\"\", 'é'");
        assertThat(StatementText.decode(sql, UTF8, false)).isEqualTo("SELECT 'ok', _binary X'61C32822', 'é'");
    }

    @Test
    void noBackslashEscapesKeepsTheBackslash() {
        byte[] sql = bytes("SELECT _binary'\\", new int[]{0xff}, "'''");
        assertThat(StatementText.decode(sql, UTF8, true)).isEqualTo("SELECT _binary X'5CFF27'");
    }

    @Test
    void latin1TextIsDecodedAndIntroducedNonAsciiLiteralsKeepTheirBytes() {
        byte[] sql = bytes("SELECT '", new int[]{0xe9, 0x80, 0x81}, "', _binary '", new int[]{0xe9}, "', _latin1'", new int[]{0xe9}, "', N'abc'");
        assertThat(StatementText.decode(sql, LATIN1, false))
                .isEqualTo("SELECT 'é€\u0081', _binary X'E9', _latin1 X'E9', N'abc'");
    }

    @Test
    void commentsAndIdentifiersAreNotLiterals() {
        byte[] sql = bytes("SELECT `a'", new int[]{0xe9}, "` /* it's */ # it's\n, 'x", new int[]{0xe9}, "' /*!40101 , _binary'", new int[]{0xe9}, "' */");
        assertThat(StatementText.decode(sql, LATIN1, false))
                .isEqualTo("SELECT `a'é` /* it's */ # it's\n, 'xé' /*!40101 , _binary X'E9' */");
    }

    @Test
    void aBackslashAsSecondByteOfAGbkCharacterIsNoEscape() {
        // 0xD5 0x5C is one GBK character; the quote after it closes the literal
        byte[] sql = bytes("SELECT '", new int[]{0xd5, 0x5c}, "', _binary'", new int[]{0xd5, 0x5c}, "'");
        String text = StatementText.decode(sql, ClientCharset.of("gbk"), false);
        assertThat(text).isEqualTo("SELECT '" + new String(new byte[]{(byte) 0xd5, 0x5c}, java.nio.charset.Charset.forName("GBK"))
                + "', _binary X'D55C'");
    }

    @Test
    void binaryClientKeepsEveryNonAsciiLiteralAsBytes() {
        byte[] sql = bytes("SELECT 'a", new int[]{0xc3, 0xa9}, "'");
        assertThat(StatementText.decode(sql, ClientCharset.of("binary"), false)).isEqualTo("SELECT _binary X'61C3A9'");
    }

    @Test
    void handshakeCollationsNameTheirCharset() {
        assertThat(HandshakeCollation.of(8).charset()).isEqualTo("latin1");
        assertThat(HandshakeCollation.of(45).collation()).isEqualTo("utf8mb4_general_ci");
        assertThat(HandshakeCollation.of(63).charset()).isEqualTo("binary");
        assertThat(HandshakeCollation.of(255)).isNull();
    }
}
