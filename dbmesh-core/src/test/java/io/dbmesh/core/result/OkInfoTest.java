package io.dbmesh.core.result;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OkInfoTest {

    @Test
    void sameShapesAddUpNumberByNumber() {
        assertThat(OkInfo.sum("Rows matched: 2  Changed: 1  Warnings: 0", "Rows matched: 10  Changed: 9  Warnings: 3"))
                .isEqualTo("Rows matched: 12  Changed: 10  Warnings: 3");
        assertThat(OkInfo.sum("Records: 3  Deleted: 0  Skipped: 1  Warnings: 1", "Records: 1  Deleted: 0  Skipped: 0  Warnings: 0"))
                .isEqualTo("Records: 4  Deleted: 0  Skipped: 1  Warnings: 1");
        assertThat(OkInfo.sum("Datensätze: 3  Duplikate: 0  Warnungen: 0", "Datensätze: 2  Duplikate: 1  Warnungen: 1"))
                .isEqualTo("Datensätze: 5  Duplikate: 1  Warnungen: 1");
    }

    @Test
    void unknownOrDifferentShapesGiveNoInfo() {
        assertThat(OkInfo.sum("Records: 2  Duplicates: 0  Warnings: 0", "")).isEmpty();
        assertThat(OkInfo.sum("", "Records: 2  Duplicates: 0  Warnings: 0")).isEmpty();
        assertThat(OkInfo.sum("Records: 2  Duplicates: 0  Warnings: 0", "Rows matched: 2  Changed: 1  Warnings: 0")).isEmpty();
        assertThat(OkInfo.sum("Records: 2  Duplicates: 0", "Records: 2  Duplicates: 0  Warnings: 0")).isEmpty();
        assertThat(OkInfo.sum(null, "Records: 1")).isEmpty();
        assertThat(OkInfo.sum("Records: 1234567890123456789", "Records: 1234567890123456789")).isEmpty();
    }

    @Test
    void updateResultsOfShardsSumTheirInfo() {
        UpdateResult a = new UpdateResult(2, 0, 0, "Rows matched: 2  Changed: 2  Warnings: 0");
        UpdateResult b = new UpdateResult(1, 0, 0, "Rows matched: 3  Changed: 1  Warnings: 0");
        assertThat(a.plus(b)).isEqualTo(new UpdateResult(3, 0, 0, "Rows matched: 5  Changed: 3  Warnings: 0"));
    }
}
