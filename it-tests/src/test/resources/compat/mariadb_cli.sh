#!/bin/sh
# The compatibility program for the `mariadb` command-line client: one batch script (the steps of
# README.md beside this file) piped in as a file would be, with raw bytes that are not UTF-8 inside a
# _binary literal, then a latin1 session, a versioned-comment session and --force error output.
#   sh mariadb_cli.sh HOST PORT USER DATABASE BASE
set -u
HOST=$1 PORT=$2 USER=$3 DB=$4 BASE=$5
T=compat_cli
cli() { mariadb -h"$HOST" -P"$PORT" -u"$USER" --skip-ssl --connect-timeout=10 --batch --raw --binary-mode "$@" "$DB" 2>&1; }
failed=0

echo "== utf8mb4 session"
# printf turns \xNN (octal here, for POSIX sh) into raw bytes: 0x80 0xFF 0xFE 0xC3 0x28 are not UTF-8
printf "%s\n" \
  "SELECT VERSION() LIKE '%MariaDB%' AS version_mentions_mariadb;" \
  "DROP TABLE IF EXISTS $T;" \
  "CREATE TABLE $T (id INT PRIMARY KEY, txt VARCHAR(100) CHARACTER SET utf8mb4, lat VARCHAR(50) CHARACTER SET latin1, bin BLOB, n INT NULL);" \
  "INSERT INTO $T (id, txt, lat, bin, n) VALUES (1, 'O\\'Neil \\\\ back \"q\" \\\\\\' end', 'café', _binary'$(printf '\001\\0\134\047\134\134\042\200\377\376\303\050')', NULL);" \
  "INSERT INTO $T VALUES (2, 'emoji 😀 ünï', 'é', '', 42), (3, NULL, NULL, NULL, NULL);" \
  "SELECT ROW_COUNT();" \
  "SELECT id, txt, HEX(txt), HEX(lat), HEX(bin), n FROM $T ORDER BY id;" \
  "UPDATE $T SET txt = CONCAT(txt, '\\\\\\''), bin = X'00FF27' WHERE id = 2;" \
  "DELETE FROM $T WHERE id = 3;" \
  "SELECT id, txt, HEX(bin) FROM $T WHERE txt LIKE '%\\\\\\\\%' ORDER BY id;" \
  "START TRANSACTION; INSERT INTO $T (id, txt) VALUES (40, 'rolled back'); ROLLBACK;" \
  "BEGIN; INSERT INTO $T (id, txt) VALUES (41, 'committed'); COMMIT;" \
  "SELECT id, txt FROM $T WHERE id IN (40, 41) ORDER BY id;" \
  "PREPARE s FROM 'INSERT INTO $T (id, txt, bin) VALUES (?, ?, ?)'; SET @t = 'it''s \\\\ here', @b = X'80FF00'; EXECUTE s USING 30, @t, @b; DEALLOCATE PREPARE s;" \
  "SELECT id, txt, HEX(bin) FROM $T WHERE id = 30;" \
  "DELETE FROM t_user WHERE user_id BETWEEN $BASE AND $BASE + 3;" \
  "INSERT INTO t_user (user_id, name, region_id, balance) VALUES ($BASE, 'O\\'Brien \\\\', 1, 12.50), ($((BASE + 1)), 'emoji 😀', 2, -0.01), ($((BASE + 2)), NULL, NULL, NULL), ($((BASE + 3)), 'x', 4, 0);" \
  "SELECT user_id, name, HEX(name), region_id, balance FROM t_user WHERE user_id BETWEEN $BASE AND $BASE + 3 ORDER BY user_id;" \
  "UPDATE t_user SET name = 'it\\'s' WHERE user_id = $((BASE + 1));" \
  "DELETE FROM t_user WHERE user_id = $((BASE + 3));" \
  "SELECT COUNT(*), SUM(balance) FROM t_user WHERE user_id BETWEEN $BASE AND $BASE + 3;" \
  "SHOW COLUMNS FROM $T;" \
  "SELECT 1/0; SHOW COUNT(*) WARNINGS;" \
  > "${TMPDIR:-/tmp}/compat_cli_$$.sql"
cli --default-character-set=utf8mb4 --column-names --force < "${TMPDIR:-/tmp}/compat_cli_$$.sql" || failed=1
rm -f "${TMPDIR:-/tmp}/compat_cli_$$.sql"

echo "== latin1 session"
printf "INSERT INTO $T (id, txt, lat) VALUES (20, '\351t\351', '\351');\nSELECT HEX(txt), HEX(lat) FROM $T WHERE id = 20;\n" \
  | cli --default-character-set=latin1 --force || failed=1

echo "== versioned comments (what mariadb-dump writes)"
printf "%s\n" "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;" \
  "/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;" "/*!40103 SET TIME_ZONE='+00:00' */;" \
  "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;" \
  "SELECT @@time_zone, @@unique_checks;" \
  "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;" "/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;" \
  "SELECT @@unique_checks;" | cli --comments || failed=1

echo "== errors with --force"
printf "%s\n" "SELECT no_such_column_compat;" "SELECT 'still running';" | cli --force || true

if [ $failed -eq 0 ]; then echo "done | failed steps: none"; else echo "done | failed steps: some (see above)"; fi
exit $failed
