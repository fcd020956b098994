package io.dbmesh.sharding.federation;

import java.nio.charset.Charset;

/**
 * The character set Calcite gives string literals and the federation gives string columns. Calcite
 * reads its default (ISO-8859-1 unless told) once, when its classes load, and refuses a literal it
 * cannot encode ('李雷', an emoji), which MariaDB's utf8mb4 takes. {@link #install} asks for UTF-8
 * before the federation loads Calcite; {@link #get} is what Calcite actually took, so columns and
 * literals always agree (a literal outside Latin-1 is then refused by name should something have
 * loaded Calcite first).
 */
final class CalciteCharset {
    private CalciteCharset() {
    }

    static void install() {
        System.getProperties().putIfAbsent("calcite.default.charset", "UTF-8");
        System.getProperties().putIfAbsent("calcite.default.nationalcharset", "UTF-8");
        System.getProperties().putIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
    }

    static Charset get() {
        return org.apache.calcite.util.Util.getDefaultCharset();
    }
}
