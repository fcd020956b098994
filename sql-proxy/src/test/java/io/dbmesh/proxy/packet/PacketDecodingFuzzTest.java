package io.dbmesh.proxy.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dbmesh.core.error.MySqlException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Arbitrary payloads through the decoders the server runs on untrusted input: the first client
 * packet (handshake response or SSLRequest), the auth switch response, and every command. Allowed
 * outcomes are what the callers turn into an ERR packet (MalformedPacketException,
 * IndexOutOfBoundsException, MySqlException); anything else (NPE, negative sizes, huge allocations)
 * would reach the connection as an internal error. Seeds in
 * {@code src/test/resources/io/dbmesh/proxy/packet/PacketDecodingFuzzTestInputs}.
 */
class PacketDecodingFuzzTest {

    @FuzzTest(maxDuration = "10m") // fuzzing mode only (JAZZER_FUZZ=1); CI runs the seeds
    void handshakeResponse(byte[] payload) {
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        try {
            ClientPacket p = HandshakeResponse41.decode(in);
            assertThat(p).isNotNull();
            if (p instanceof HandshakeResponse41 r) {
                assertThat(r.user()).isNotNull();
                assertThat(r.authResponse().length).isLessThanOrEqualTo(payload.length);
            }
        } catch (MalformedPacketException | IndexOutOfBoundsException expected) {
            // ConnectionPhase answers 1043 Bad handshake
        }
        try {
            AuthSwitchResponse.decode(Unpooled.wrappedBuffer(payload));
        } catch (MalformedPacketException | IndexOutOfBoundsException expected) {
            // the authenticator's caller answers an ERR
        }
    }

    @FuzzTest(maxDuration = "10m") // fuzzing mode only (JAZZER_FUZZ=1); CI runs the seeds
    void command(FuzzedDataProvider data) {
        int capabilities = data.consumeInt();
        int parameters = data.consumeInt(0, 300);
        byte[] payload = data.consumeRemainingAsBytes();
        ParameterState known = new ParameterState(1, parameters);
        try {
            CommandPacket c = CommandPacket.decode(Unpooled.wrappedBuffer(payload), capabilities,
                    id -> id == 1 || id == -1 ? known : null);
            assertThat(c).isNotNull();
            if (c instanceof ComStmtExecute e) {
                assertThat(e.parameters().size()).isLessThanOrEqualTo(parameters);
            }
        } catch (MySqlException | MalformedPacketException | IndexOutOfBoundsException expected) {
            // CommandDispatcher answers an ERR and reads the next command
        }
    }
}
