package io.dbmesh.txn;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XidTest {
    @Test
    void gtridsCarryOwnerAndStartAndAreUnique() {
        XidFactory f = new XidFactory(XidFactory.newOwner("web-1.example.com"));
        assertThat(f.owner()).matches("web-1\\.example\\.co-[0-9a-z]{6}");
        String a = f.newGtrid(1_700_000_000_000L), b = f.newGtrid(1_700_000_000_000L);
        assertThat(a).isNotEqualTo(b).startsWith("dbmesh:" + f.owner() + ":");
        Xid x = XidFactory.branch(a, "ds_0");
        assertThat(x.isDbmesh()).isTrue();
        assertThat(x.owner()).isEqualTo(f.owner());
        assertThat(x.startMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(x.sql()).isEqualTo("'" + a + "','ds_0',1684172136");
        assertThat(a.length()).isLessThanOrEqualTo(64);
        assertThat(new XidFactory(XidFactory.newOwner("ünïcode host name that is long")).owner()).matches("[A-Za-z0-9._-]+");
    }

    @Test
    void recoverRowsAreSplitByLengthAndForeignXidsAreNotOurs() {
        byte[] data = "dbmesh:n-abcdef:lq2x8k1c.1fds_1".getBytes(StandardCharsets.ISO_8859_1);
        Xid x = Xid.fromRecoverRow(Xid.FORMAT_ID, data.length - 4, 4, data);
        assertThat(x.gtrid()).isEqualTo("dbmesh:n-abcdef:lq2x8k1c.1f");
        assertThat(x.bqual()).isEqualTo("ds_1");
        assertThat(x.isDbmesh()).isTrue();
        assertThat(new Xid(x.gtrid(), x.bqual(), 1).isDbmesh()).as("other format id").isFalse();
        assertThat(new Xid("app:1", "b", Xid.FORMAT_ID).isDbmesh()).as("other prefix").isFalse();
        assertThat(new Xid("dbmesh:x'; DROP", "b", Xid.FORMAT_ID).isDbmesh()).as("unsafe characters").isFalse();
        assertThatThrownBy(() -> new Xid("dbmesh:x'", "b", Xid.FORMAT_ID).sql()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void modesParseWithQuotesAndAnyCase() {
        assertThat(TransactionMode.parse("'XA'")).contains(TransactionMode.XA);
        assertThat(TransactionMode.parse("\"local\"")).contains(TransactionMode.LOCAL);
        assertThat(TransactionMode.parse("'seata'")).isEmpty();
    }

    @Test
    void faultPointsAreOffUnlessArmed() {
        FaultPoints.NONE.reach("after_prepare"); // returns: nothing armed
        FaultPoints armed = new FaultPoints("after_log", 2, 0);
        armed.reach("after_prepare");
        armed.reach("after_log"); // the first time only counts
    }
}
