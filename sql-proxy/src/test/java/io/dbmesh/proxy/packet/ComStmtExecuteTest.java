package io.dbmesh.proxy.packet;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.core.result.ColumnType;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COM_STMT_EXECUTE without parameter types (new-params-bound flag 0) before any execution sent them. */
class ComStmtExecuteTest {

    /** COM_STMT_EXECUTE of statement 1 with two parameters, the given NULL bitmap, no types. */
    private static CommandPacket decodeWithoutTypes(ParameterState state, int nullBitmap) throws MySqlException {
        byte[] payload = {0x17, 1, 0, 0, 0, 0, 1, 0, 0, 0, (byte) nullBitmap, 0};
        return CommandPacket.decode(Unpooled.wrappedBuffer(payload), 0, id -> id == 1 ? state : null);
    }

    @Test
    void allNullValuesNeedNoTypes() throws MySqlException {
        // MySQL Connector/J after setNull on every parameter: the bitmap says NULL, no types follow
        ComStmtExecute e = (ComStmtExecute) decodeWithoutTypes(new ParameterState(1, 2), 0b11);
        assertThat(e.parameters()).hasSize(2).allSatisfy(p -> {
            assertThat(p.value()).isNull();
            assertThat(p.type()).isEqualTo(ColumnType.NULL);
        });
    }

    @Test
    void aValueWithoutTypeIsRefused() {
        assertThatThrownBy(() -> decodeWithoutTypes(new ParameterState(1, 2), 0b01))
                .isInstanceOfSatisfying(MySqlException.class, e -> assertThat(e.errorCode()).isEqualTo(1210));
    }
}
