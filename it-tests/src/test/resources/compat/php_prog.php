<?php
// The compatibility program for PHP: PDO (pdo_mysql) or mysqli, both over mysqlnd. The steps of
// README.md beside this file, printed as canonical lines; a failing step prints its error and the
// others still run; exit code 1 when any failed.
//   php php_prog.php pdo|mysqli HOST PORT USER DATABASE BASE
[$self, $api, $host, $port, $user, $database, $base] = $argv;
$port = (int)$port;
$base = (int)$base;
$table = "compat_php_" . $api;

$TXT1 = "O'Neil \\ back \"q\" \\' end";
$TXT2 = "emoji \u{1F600} \u{fc}n\u{ef}";
$LAT = "caf\u{e9}";
$BIN1 = hex2bin("0001275C2280FFFEC3280A0D1A5C27");

function show($v) {
    if ($v === null) return "NULL";
    if (is_bool($v)) return $v ? "true" : "false";
    return (string)$v;
}
function out(...$parts) { echo implode(" | ", array_map('show', $parts)), "\n"; }

$failed = [];
function step($name, $fn) {
    global $failed;
    try {
        $fn();
    } catch (Throwable $e) {
        $failed[] = $name;
        out("ERROR in " . $name, get_class($e) . ": " . $e->getMessage());
    }
}

if ($api === "pdo") {
    $connect = function ($charset) use ($host, $port, $user, $database) {
        return new PDO("mysql:host=$host;port=$port;dbname=$database;charset=$charset", $user, "",
            [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_STRINGIFY_FETCHES => true]);
    };
    // $params are bound as strings (PDO's emulated prepares escape them on the client by default)
    $exec = function ($db, $sql, $params = []) {
        $st = $db->prepare($sql);
        foreach ($params as $i => $p) {
            $st->bindValue($i + 1, $p, $p === null ? PDO::PARAM_NULL : PDO::PARAM_STR);
        }
        $st->execute();
        return $st;
    };
    $affected = fn($st) => $st->rowCount();
    $rows = fn($st) => $st->fetchAll(PDO::FETCH_NUM);
    $serverPrepared = function ($db, $sql, $params) {
        $db->setAttribute(PDO::ATTR_EMULATE_PREPARES, false);
        try {
            $st = $db->prepare($sql);
            foreach ($params as $i => $p) {
                $st->bindValue($i + 1, $p, $p === null ? PDO::PARAM_NULL : (is_int($p) ? PDO::PARAM_INT : PDO::PARAM_LOB));
            }
            $st->execute();
            return $st->columnCount() > 0 ? $st->fetchAll(PDO::FETCH_NUM) : $st->rowCount();
        } finally {
            $db->setAttribute(PDO::ATTR_EMULATE_PREPARES, true);
        }
    };
    $begin = fn($db) => $db->beginTransaction();
    $rollback = fn($db) => $db->rollBack();
    $commit = fn($db) => $db->commit();
    $columns = function ($st) {
        $cols = [];
        for ($i = 0; $i < $st->columnCount(); $i++) {
            $m = $st->getColumnMeta($i);
            $cols[] = $m["name"] . ":" . ($m["native_type"] ?? "?") . ":" . $m["len"];
        }
        return $cols;
    };
    $warnings = fn($db) => $db->query("SHOW WARNINGS")->rowCount();
} else {
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    $connect = function ($charset) use ($host, $port, $user, $database) {
        $db = new mysqli($host, $user, "", $database, $port);
        $db->set_charset($charset);
        return $db;
    };
    // mysqli has no client-side placeholders: escape with real_escape_string, as applications do
    $exec = function ($db, $sql, $params = []) {
        $parts = explode("?", $sql);
        $text = $parts[0];
        foreach ($params as $i => $p) {
            $text .= ($p === null ? "NULL" : "'" . $db->real_escape_string((string)$p) . "'") . $parts[$i + 1];
        }
        $r = $db->query($text);
        return $r === true ? $db : $r;
    };
    $affected = fn($r) => $r->affected_rows;
    $rows = fn($r) => $r->fetch_all(MYSQLI_NUM);
    $serverPrepared = function ($db, $sql, $params) {
        $st = $db->prepare($sql);
        $types = "";
        foreach ($params as $p) $types .= is_int($p) ? "i" : "s";
        if ($params) $st->bind_param($types, ...$params);
        $st->execute();
        $meta = $st->result_metadata();
        if ($meta === false) return $st->affected_rows;
        return $st->get_result()->fetch_all(MYSQLI_NUM);
    };
    $begin = fn($db) => $db->begin_transaction();
    $rollback = fn($db) => $db->rollback();
    $commit = fn($db) => $db->commit();
    $columns = function ($r) {
        $cols = [];
        foreach ($r->fetch_fields() as $f) $cols[] = $f->name . ":" . $f->type . ":" . $f->length . ":" . $f->charsetnr;
        return $cols;
    };
    $warnings = fn($db) => $db->warning_count;
}

$db = null;
step("connect", function () use (&$db, $connect, $exec, $rows) {
    $db = $connect("utf8mb4");
    $v = $rows($exec($db, "SELECT VERSION()"))[0][0];
    out("version mentions MariaDB", str_contains($v, "MariaDB"));
});
if ($db === null) { out("done", "failed steps: connect"); exit(1); }

$printRows = function ($result) use ($rows) {
    foreach (is_array($result) ? $result : $rows($result) as $r) out("row", ...$r);
};

step("ddl", function () use ($db, $exec, $table) {
    $exec($db, "DROP TABLE IF EXISTS $table");
    $exec($db, "CREATE TABLE $table (id INT PRIMARY KEY, txt VARCHAR(100) CHARACTER SET utf8mb4,"
        . " lat VARCHAR(50) CHARACTER SET latin1, bin BLOB, n INT NULL)");
    out("ddl", "ok");
});
step("crud", function () use ($db, $exec, $affected, $printRows, $table, $TXT1, $TXT2, $LAT, $BIN1) {
    $n = $affected($exec($db, "INSERT INTO $table (id, txt, lat, bin, n) VALUES (?, ?, ?, ?, ?)", [1, $TXT1, $LAT, $BIN1, null]));
    $n += $affected($exec($db, "INSERT INTO $table (id, txt, lat, bin, n) VALUES (?, ?, ?, ?, ?)", [2, $TXT2, "\u{e9}", "", 42]));
    $n += $affected($exec($db, "INSERT INTO $table (id, txt, lat, bin, n) VALUES (?, ?, ?, ?, ?)", [3, null, null, null, null]));
    out("inserted", $n);
    $printRows($exec($db, "SELECT id, txt, HEX(txt), HEX(lat), HEX(bin), n FROM $table ORDER BY id"));
    foreach ([1, 2] as $id) {
        $bin = $exec($db, "SELECT bin FROM $table WHERE id = ?", [$id]);
        out("client bytes", $id, bin2hex(($GLOBALS['api'] === 'pdo' ? $bin->fetchColumn() : $bin->fetch_row()[0]) ?? ''));
    }
    out("updated", $affected($exec($db, "UPDATE $table SET txt = ?, bin = ? WHERE id = ?", [$TXT2 . $TXT1, $BIN1 . $BIN1, 2])));
    out("deleted", $affected($exec($db, "DELETE FROM $table WHERE id = ?", [3])));
    $printRows($exec($db, "SELECT id, txt, HEX(bin), n FROM $table WHERE txt LIKE ? ORDER BY id", ["%O'Neil \\\\%"]));
});
step("transaction", function () use ($db, $exec, $begin, $rollback, $commit, $printRows, $table) {
    $begin($db);
    $exec($db, "INSERT INTO $table (id, txt) VALUES (?, ?)", [40, "rolled back"]);
    $rollback($db);
    $begin($db);
    $exec($db, "INSERT INTO $table (id, txt) VALUES (?, ?)", [41, "committed"]);
    $commit($db);
    $printRows($exec($db, "SELECT id, txt FROM $table WHERE id IN (40, 41) ORDER BY id"));
});
step("prepared", function () use ($db, $serverPrepared, $printRows, $table, $TXT1, $BIN1) {
    out("prepared insert", $serverPrepared($db, "INSERT INTO $table (id, txt, bin) VALUES (?, ?, ?)", [30, $TXT1, $BIN1]));
    $rs = $serverPrepared($db, "SELECT id, HEX(txt), HEX(bin), n FROM $table WHERE id >= ? AND bin = ? ORDER BY id", [30, $BIN1]);
    $printRows($rs);
});
step("latin1", function () use ($connect, $exec, $rows, $table) {
    $latin = $connect("latin1");
    // the literal bytes of a latin1 application: é is E9
    $exec($latin, "INSERT INTO $table (id, txt, lat) VALUES (?, ?, ?)", [20, "\xE9t\xE9", "\xE9"]);
    $r = $rows($exec($latin, "SELECT HEX(txt), HEX(lat), lat, txt FROM $table WHERE id = 20"))[0];
    out("latin1", $r[0], $r[1], bin2hex($r[2]), bin2hex($r[3]));
});
step("sharded table", function () use ($db, $exec, $affected, $printRows, $base, $TXT1, $TXT2) {
    $exec($db, "DELETE FROM t_user WHERE user_id BETWEEN ? AND ?", [$base, $base + 3]);
    foreach ([[$base, $TXT1, 1, "12.50"], [$base + 1, $TXT2, 2, "-0.01"], [$base + 2, "back\\slash", null, null], [$base + 3, null, 4, "0"]] as $u) {
        $exec($db, "INSERT INTO t_user (user_id, name, region_id, balance) VALUES (?, ?, ?, ?)", $u);
    }
    $printRows($exec($db, "SELECT user_id, name, HEX(name), region_id, balance FROM t_user WHERE user_id BETWEEN ? AND ? ORDER BY user_id", [$base, $base + 3]));
    out("sharded update", $affected($exec($db, "UPDATE t_user SET name = ? WHERE user_id = ?", ["it's \\n", $base + 1])));
    out("sharded delete", $affected($exec($db, "DELETE FROM t_user WHERE user_id = ?", [$base + 3])));
    $printRows($exec($db, "SELECT user_id, name FROM t_user WHERE name = ? AND user_id BETWEEN ? AND ?", ["it's \\n", $base, $base + 3]));
    $printRows($exec($db, "SELECT COUNT(*), SUM(balance) FROM t_user WHERE user_id BETWEEN ? AND ?", [$base, $base + 3]));
});
step("sharded prepared", function () use ($db, $serverPrepared, $printRows, $base) {
    $printRows($serverPrepared($db, "SELECT user_id, name, balance FROM t_user WHERE user_id = ?", [$base]));
});
step("metadata", function () use ($db, $exec, $columns, $warnings, $table, $base) {
    out("columns", ...$columns($exec($db, "SELECT id, txt, lat, bin, n FROM $table WHERE 1 = 0")));
    out("columns", ...$columns($exec($db, "SELECT user_id, name, balance FROM t_user WHERE user_id = ?", [$base])));
    $exec($db, "SELECT 1/0");
    out("warnings after 1/0", $warnings($db));
});
out("done", "failed steps: " . ($failed ? implode(", ", $failed) : "none"));
exit($failed ? 1 : 0);
