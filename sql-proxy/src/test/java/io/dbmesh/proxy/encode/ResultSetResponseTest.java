package io.dbmesh.proxy.encode;

import io.dbmesh.proxy.codec.PacketWriter;
import io.dbmesh.proxy.packet.Capabilities;
import io.dbmesh.proxy.packet.ParameterState;
import io.dbmesh.proxy.packet.ServerStatus;
import io.dbmesh.proxy.packet.Wire;
import io.dbmesh.proxy.testing.CollectingOutput;
import io.dbmesh.proxy.testing.Columns;
import io.dbmesh.proxy.testing.ListCursor;
import io.dbmesh.proxy.testing.TypeMatrix;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.UpdateResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultSetResponseTest {
    private final CollectingOutput out = new CollectingOutput();
    private final PacketWriter writer = new PacketWriter(out, 1 << 16);

    private ResponseContext context(int capabilities) {
        writer.startSequence(1);
        return new ResponseContext(writer, capabilities | Capabilities.PROTOCOL_41, () -> ServerStatus.AUTOCOMMIT);
    }

    /** The packets written, as payloads, checking sequence ids count up from 1. */
    private List<ByteBuf> packets() {
        writer.flush();
        List<ByteBuf> packets = new ArrayList<>();
        int seq = 1;
        while (out.bytes.isReadable()) {
            int len = out.bytes.readUnsignedMediumLE();
            assertThat(out.bytes.readUnsignedByte()).isEqualTo((short) seq++);
            packets.add(out.bytes.readSlice(len));
        }
        return packets;
    }

    private static ListCursor twoRows() {
        return ListCursor.of(List.of(Columns.of("id", ColumnType.LONG), Columns.of("name", ColumnType.VAR_STRING)),
                List.of(List.of("1", "a"), Arrays.asList("2", null)));
    }

    @Test
    void textResultWithEofPackets() throws Exception {
        ListCursor cursor = twoRows();
        ResultSetResponse r = new ResultSetResponse(context(0), RowFormat.TEXT);
        r.rows(cursor, false);
        assertThat(r.finished()).isTrue();
        assertThat(cursor.closed).isTrue();
        List<ByteBuf> p = packets();
        assertThat(p).hasSize(7); // count, 2 definitions, EOF, 2 rows, EOF
        assertThat(Wire.readLenencInt(p.get(0))).isEqualTo(2);
        assertThat(Wire.readLenencString(p.get(1))).isEqualTo("def");
        assertThat(ByteBufUtil.hexDump(p.get(3))).isEqualTo("fe00000200"); // EOF: warnings 0, status AUTOCOMMIT
        assertThat(ByteBufUtil.hexDump(p.get(4))).isEqualTo("0131" + "0161");
        assertThat(ByteBufUtil.hexDump(p.get(5))).isEqualTo("0132" + "fb");
        assertThat(ByteBufUtil.hexDump(p.get(6))).isEqualTo("fe00000200");
    }

    @Test
    void deprecateEofDropsTheMiddleEofAndEndsWithOkAsEof() throws Exception {
        new ResultSetResponse(context(Capabilities.DEPRECATE_EOF), RowFormat.TEXT).rows(twoRows(), true);
        List<ByteBuf> p = packets();
        assertThat(p).hasSize(6); // count, 2 definitions, 2 rows, OK
        // OK with the EOF header: affected 0, insert id 0, status AUTOCOMMIT|MORE_RESULTS, warnings 0
        assertThat(ByteBufUtil.hexDump(p.get(5))).isEqualTo("fe00000a000000");
    }

    /** The connection's last column definitions are reused encoded: equal results, equal bytes; other columns, their own. */
    @Test
    void repeatedResultShapeSendsTheSameDefinitionsAndANewShapeItsOwn() throws Exception {
        ResponseContext context = context(Capabilities.DEPRECATE_EOF);
        new ResultSetResponse(context, RowFormat.TEXT).rows(twoRows(), false);
        List<String> first = packets().stream().map(ByteBufUtil::hexDump).toList();
        writer.startSequence(1);
        new ResultSetResponse(context, RowFormat.TEXT).rows(twoRows(), false);
        List<String> again = packets().stream().map(ByteBufUtil::hexDump).toList();
        assertThat(again).isEqualTo(first);

        writer.startSequence(1);
        new ResultSetResponse(context, RowFormat.TEXT).rows(ListCursor.of(
                List.of(Columns.of("id", ColumnType.LONG), Columns.of("label", ColumnType.VAR_STRING)),
                List.of(List.of("1", "a"))), false);
        List<ByteBuf> other = packets();
        assertThat(ByteBufUtil.hexDump(other.get(1))).isEqualTo(first.get(1)); // same first column
        ByteBuf second = other.get(2);
        for (int i = 0; i < 4; i++) Wire.readLenencString(second); // catalog, schema, table, org_table
        assertThat(Wire.readLenencString(second)).isEqualTo("label");

        writer.startSequence(1); // the first shape is still known after another one
        new ResultSetResponse(context, RowFormat.TEXT).rows(twoRows(), false);
        assertThat(packets().stream().map(ByteBufUtil::hexDump).toList()).isEqualTo(first);
    }

    /** MariaDB's metadata caching negotiated: the column count carries whether definitions follow. */
    private ResponseContext cachingContext(int capabilities) {
        writer.startSequence(1);
        return new ResponseContext(writer, capabilities | Capabilities.PROTOCOL_41, false, true, () -> ServerStatus.AUTOCOMMIT, null);
    }

    @Test
    void underMetadataCachingATextResultSaysItsDefinitionsFollow() throws Exception {
        new ResultSetResponse(cachingContext(0), RowFormat.TEXT).rows(twoRows(), false);
        List<ByteBuf> p = packets();
        assertThat(p).hasSize(7); // count, 2 definitions, EOF, 2 rows, EOF: as without caching
        assertThat(ByteBufUtil.hexDump(p.get(0))).isEqualTo("02" + "01"); // 2 columns, definitions follow
        assertThat(Wire.readLenencString(p.get(1))).isEqualTo("def");
    }

    /** As MariaDB answers a repeated execution: count with 0, the EOF, the rows (no definitions). */
    @Test
    void anExecutionWhoseColumnsTheClientHoldsLeavesTheDefinitionsOut() throws Exception {
        ResponseContext context = cachingContext(0);
        ParameterState statement = new ParameterState(5, 1, twoRows().columns()); // as PREPARE_OK sent them
        new ResultSetResponse(context, statement).rows(twoRows(), false);
        List<String> p = packets().stream().map(ByteBufUtil::hexDump).toList();
        assertThat(p).hasSize(5); // count, EOF, 2 rows, EOF
        assertThat(p.get(0)).isEqualTo("02" + "00");
        assertThat(p.get(1)).isEqualTo("fe00000200");
        assertThat(p.get(2)).startsWith("00"); // a binary row
        assertThat(p.get(4)).isEqualTo("fe00000200");
    }

    @Test
    void otherColumnsThanTheClientHoldsAreSentAndHeldFromThenOn() throws Exception {
        ResponseContext context = cachingContext(Capabilities.DEPRECATE_EOF);
        ParameterState statement = new ParameterState(5, 0, List.of(Columns.of("id", ColumnType.LONG))); // the table changed since
        new ResultSetResponse(context, statement).rows(twoRows(), false);
        List<ByteBuf> first = packets();
        assertThat(first).hasSize(6); // count, 2 definitions, 2 rows, OK
        assertThat(ByteBufUtil.hexDump(first.get(0))).isEqualTo("02" + "01");
        assertThat(statement.clientHolds(twoRows().columns())).isTrue();

        writer.startSequence(1);
        new ResultSetResponse(context, statement).rows(twoRows(), false);
        List<ByteBuf> again = packets();
        assertThat(again).hasSize(4); // count, 2 rows, OK
        assertThat(ByteBufUtil.hexDump(again.get(0))).isEqualTo("02" + "00");
    }

    /** Only an execution's first result may rely on what the client holds: a procedure's next results always carry theirs. */
    @Test
    void aFollowingResultOfTheSameExecutionAlwaysCarriesItsDefinitions() throws Exception {
        ResponseContext context = cachingContext(Capabilities.DEPRECATE_EOF);
        ParameterState statement = new ParameterState(5, 0, twoRows().columns());
        ResultSetResponse r = new ResultSetResponse(context, statement);
        r.rows(twoRows(), true);
        r.rows(twoRows(), false);
        List<ByteBuf> p = packets();
        assertThat(ByteBufUtil.hexDump(p.get(0))).isEqualTo("02" + "00");
        assertThat(ByteBufUtil.hexDump(p.get(4))).isEqualTo("02" + "01"); // after 2 rows and the OK of the first
        assertThat(p).hasSize(4 + 6);
    }

    @Test
    void withoutMetadataCachingAnExecutionSendsItsDefinitionsAndNoFlag() throws Exception {
        ParameterState statement = new ParameterState(5, 0, twoRows().columns());
        new ResultSetResponse(context(Capabilities.DEPRECATE_EOF), statement).rows(twoRows(), false);
        List<ByteBuf> p = packets();
        assertThat(ByteBufUtil.hexDump(p.get(0))).isEqualTo("02");
        assertThat(p).hasSize(6);
    }

    @Test
    void columnDefinitionCarriesTheColumnMetadata() throws Exception {
        new ResultSetResponse(context(Capabilities.DEPRECATE_EOF), RowFormat.TEXT).rows(
                ListCursor.of(List.of(Columns.unsigned("n", ColumnType.LONGLONG)), List.of()), false);
        ByteBuf def = packets().get(1);
        assertThat(Wire.readLenencString(def)).isEqualTo("def");
        assertThat(Wire.readLenencString(def)).isEqualTo("wire_test");
        assertThat(Wire.readLenencString(def)).isEqualTo("t");
        assertThat(Wire.readLenencString(def)).isEqualTo("t");
        assertThat(Wire.readLenencString(def)).isEqualTo("n");
        assertThat(Wire.readLenencString(def)).isEqualTo("n");
        assertThat(Wire.readLenencInt(def)).isEqualTo(0x0c);
        assertThat(def.readUnsignedShortLE()).isEqualTo(63);
        assertThat(def.readUnsignedIntLE()).isEqualTo(20);
        assertThat(def.readUnsignedByte()).isEqualTo((short) 0x08);
        assertThat(def.readUnsignedShortLE()).isEqualTo(32 | 32768);
        assertThat(def.readUnsignedByte()).isEqualTo((short) 0);
        assertThat(def.readUnsignedShortLE()).isZero();
        assertThat(def.isReadable()).isFalse();
    }

    @Test
    void binaryRowsHaveANullBitmapAtOffsetTwo() throws Exception {
        ListCursor cursor = ListCursor.of(List.of(Columns.of("a", ColumnType.LONG), Columns.of("b", ColumnType.VAR_STRING),
                        Columns.of("c", ColumnType.TINY), Columns.of("d", ColumnType.DOUBLE), Columns.of("e", ColumnType.DATE),
                        Columns.of("f", ColumnType.SHORT), Columns.of("g", ColumnType.LONG)),
                List.of(Arrays.asList("7", null, "-1", null, null, "3", null)));
        new ResultSetResponse(context(Capabilities.DEPRECATE_EOF), RowFormat.BINARY).rows(cursor, false);
        ByteBuf row = packets().get(8);
        // header 00; bitmap bits 2+1=3, 2+3=5, 2+4=6, 2+6=8 → 0b01101000 = 0x68, 0b00000001 = 0x01
        assertThat(ByteBufUtil.hexDump(row)).isEqualTo("00" + "6801" + "07000000" + "ff" + "0300");
    }

    @Test
    void typeMatrixEncodesInBothProtocols() throws Exception {
        ResponseContext ctx = context(Capabilities.DEPRECATE_EOF);
        new ResultSetResponse(ctx, RowFormat.BINARY).rows(TypeMatrix.cursor(), false);
        new ResultSetResponse(ctx, RowFormat.TEXT).rows(TypeMatrix.cursor(), false);
        List<ByteBuf> p = packets();
        int n = TypeMatrix.ENTRIES.size();
        assertThat(p).hasSize(2 * (n + 3));
        ByteBuf text = p.get(2 * n + 4);
        for (TypeMatrix.Entry e : TypeMatrix.ENTRIES) {
            if (e.text() == null) {
                assertThat(text.readUnsignedByte()).isEqualTo((short) 0xfb);
            } else {
                assertThat(Wire.readLenencBytes(text)).as(e.column().name()).isEqualTo(e.text());
            }
        }
        assertThat(text.isReadable()).isFalse();
    }

    @Test
    void okPacketCarriesAffectedRowsInsertIdWarningsInfoAndMoreResults() {
        ResultSetResponse r = new ResultSetResponse(context(0), RowFormat.TEXT);
        r.ok(new UpdateResult(300, 70000, 2, "Rows matched: 1"), true);
        assertThat(r.finished()).isFalse();
        r.ok(UpdateResult.EMPTY, false);
        assertThat(r.finished()).isTrue();
        List<ByteBuf> p = packets();
        assertThat(ByteBufUtil.hexDump(p.get(0))).isEqualTo("00" + "fc2c01" + "fd701101" + "0a00" + "0200"
                + "0f" + ByteBufUtil.hexDump("Rows matched: 1".getBytes(StandardCharsets.UTF_8))); // lenenc info
        assertThat(ByteBufUtil.hexDump(p.get(1))).isEqualTo("000000020000 00".replace(" ", ""));
    }

    @Test
    void anErrorAfterSomeRowsFollowsThemAndEndsTheCommand() {
        ResultSetResponse r = new ResultSetResponse(context(0), RowFormat.TEXT);
        r.error(1146, "42S02", "Table 'x' doesn't exist");
        assertThat(r.finished()).isTrue();
        assertThatThrownBy(() -> r.ok(UpdateResult.EMPTY, false)).isInstanceOf(IllegalStateException.class);
        ByteBuf err = packets().get(0);
        assertThat(err.readUnsignedByte()).isEqualTo((short) 0xff);
        assertThat(err.readUnsignedShortLE()).isEqualTo(1146);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("#42S02Table 'x' doesn't exist");
    }

    @Test
    void prepareOkWithParameterAndColumnDefinitions() {
        PrepareResponse r = new PrepareResponse(context(0));
        r.prepared(9, List.of(Columns.of("?", ColumnType.VAR_STRING), Columns.of("?", ColumnType.VAR_STRING)),
                List.of(Columns.of("id", ColumnType.LONG)), 1);
        assertThat(r.statementId()).isEqualTo(9);
        assertThat(r.parameterCount()).isEqualTo(2);
        List<ByteBuf> p = packets();
        assertThat(ByteBufUtil.hexDump(p.get(0))).isEqualTo("00" + "09000000" + "0100" + "0200" + "00" + "0100");
        assertThat(p).hasSize(1 + 2 + 1 + 1 + 1); // ok, 2 params, EOF, 1 column, EOF
        assertThat(p.get(3).getUnsignedByte(0)).isEqualTo((short) 0xfe);
        assertThat(p.get(5).getUnsignedByte(0)).isEqualTo((short) 0xfe);
    }

    @Test
    void fieldListSendsDefinitionsWithDefaultsThenEof() throws Exception {
        new FieldListResponse(context(0)).rows(twoRows(), false);
        List<ByteBuf> p = packets();
        assertThat(p).hasSize(3);
        ByteBuf def = p.get(0);
        assertThat(def.getUnsignedByte(def.writerIndex() - 1)).isEqualTo((short) 0xfb);
        assertThat(ByteBufUtil.hexDump(p.get(2))).isEqualTo("fe00000200");
    }

    @Test
    void setOptionAnswersWithEofUnlessDeprecateEof() {
        new ResultSetResponse(context(0), RowFormat.TEXT, true).ok(UpdateResult.EMPTY, false);
        assertThat(ByteBufUtil.hexDump(packets().get(0))).isEqualTo("fe00000200");
    }

    @Test
    void largeResultsAreSentInBatches() throws Exception {
        ListCursor cursor = ListCursor.of(List.of(Columns.of("s", ColumnType.VAR_STRING)),
                java.util.Collections.nCopies(1000, List.of("x".repeat(1000))));
        new ResultSetResponse(context(Capabilities.DEPRECATE_EOF), RowFormat.TEXT).rows(cursor, false);
        assertThat(out.sends).isGreaterThanOrEqualTo(1_000_000 / (1 << 16) - 1);
    }
}
