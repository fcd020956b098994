package io.dbmesh.core.result;

/**
 * What a statement without a result set reports: the fields of an OK packet. {@link #plus} adds
 * two shards' results; their info texts are summed by {@link OkInfo}.
 */
public record UpdateResult(long affectedRows, long lastInsertId, int warnings, String info) {
    public static final UpdateResult EMPTY = new UpdateResult(0, 0, 0, "");

    public UpdateResult plus(UpdateResult other) {
        return new UpdateResult(affectedRows + other.affectedRows,
                other.lastInsertId != 0 ? other.lastInsertId : lastInsertId,
                warnings + other.warnings, OkInfo.sum(info, other.info));
    }
}
