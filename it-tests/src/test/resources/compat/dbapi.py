# The compatibility program for Python DB-API drivers (PyMySQL, mysqlclient): the steps every
# compat program does (see README.md beside this file), printed as canonical lines. A driver error
# is printed and ends the program with exit code 1, so the test shows where it broke.
#   python3 dbapi.py pymysql|mysqldb HOST PORT USER DATABASE BASE
import sys

driver, host, port, user, database, base = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6])
table = "compat_" + driver

TXT1 = "O'Neil \\ back \"q\" \\' end"
TXT2 = "emoji \U0001F600 \u00fcn\u00ef"
LAT = "caf\u00e9"
BIN1 = bytes([0x00, 0x01, 0x27, 0x5C, 0x22, 0x80, 0xFF, 0xFE, 0xC3, 0x28, 0x0A, 0x0D, 0x1A, 0x5C, 0x27])

if driver == "pymysql":
    import pymysql as db

    def connect(charset):
        return db.connect(host=host, port=port, user=user, password="", database=database, charset=charset)
else:
    import MySQLdb as db

    def connect(charset):
        return db.connect(host=host, port=port, user=user, passwd="", db=database, charset=charset)


def h(value):
    if value is None:
        return "NULL"
    if isinstance(value, str):
        value = value.encode("utf-8")
    return bytes(value).hex().upper()


def show(value):
    if value is None:
        return "NULL"
    if isinstance(value, (bytes, bytearray)):
        return "0x" + h(value)
    return str(value)


def out(*parts):
    print(" | ".join(show(p) for p in parts), flush=True)


def rows(cur, sql, args=None):
    cur.execute(sql, args)
    for r in cur.fetchall():
        out("row", *r)


failed = []


def step(name, fn):
    """Runs one step; a failing step prints its error and the next steps still run."""
    try:
        fn()
    except Exception as e:
        failed.append(name)
        out("ERROR in " + name, type(e).__name__ + ": " + str(e))


conn = None
cur = None


def s_connect():
    global conn, cur
    conn = connect("utf8mb4")
    conn.autocommit(True)
    cur = conn.cursor()
    cur.execute("SELECT VERSION()")
    out("version mentions MariaDB", "MariaDB" in cur.fetchone()[0])


def s_ddl():
    cur.execute("DROP TABLE IF EXISTS " + table)
    cur.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, txt VARCHAR(100) CHARACTER SET utf8mb4,"
                " lat VARCHAR(50) CHARACTER SET latin1, bin BLOB, n INT NULL)")
    out("ddl", "ok")


def s_crud():
    n = cur.execute("INSERT INTO " + table + " (id, txt, lat, bin, n) VALUES (%s, %s, %s, %s, %s)", (1, TXT1, LAT, BIN1, None))
    n += cur.execute("INSERT INTO " + table + " (id, txt, lat, bin, n) VALUES (%s, %s, %s, %s, %s)", (2, TXT2, "\u00e9", b"", 42))
    n += cur.execute("INSERT INTO " + table + " (id, txt, lat, bin, n) VALUES (%s, %s, %s, %s, %s)", (3, None, None, None, None))
    out("inserted", n)
    rows(cur, "SELECT id, txt, HEX(txt), HEX(lat), HEX(bin), bin, n FROM " + table + " ORDER BY id")
    out("updated", cur.execute("UPDATE " + table + " SET txt = %s, bin = %s WHERE id = %s", (TXT2 + TXT1, BIN1 + BIN1, 2)))
    out("deleted", cur.execute("DELETE FROM " + table + " WHERE id = %s", (3,)))
    rows(cur, "SELECT id, txt, HEX(bin), n FROM " + table + " WHERE txt LIKE %s ORDER BY id", ("%O'Neil \\\\%",))


def s_transaction():
    conn.autocommit(False)
    cur.execute("INSERT INTO " + table + " (id, txt) VALUES (%s, %s)", (40, "rolled back"))
    conn.rollback()
    cur.execute("INSERT INTO " + table + " (id, txt) VALUES (%s, %s)", (41, "committed"))
    conn.commit()
    conn.autocommit(True)
    rows(cur, "SELECT id, txt FROM " + table + " WHERE id IN (40, 41) ORDER BY id")


def s_parameters():
    # the DB-API drivers interpolate parameters on the client: the escaped literals are what matter
    cur.executemany("INSERT INTO " + table + " (id, txt, bin) VALUES (%s, %s, %s)", [(30, TXT1, BIN1), (31, TXT2, BIN1[::-1])])
    rows(cur, "SELECT id, HEX(txt), HEX(bin) FROM " + table + " WHERE id >= %s AND bin = %s ORDER BY id", (30, BIN1))


def s_latin1():
    latin = connect("latin1")
    lc = latin.cursor()
    lc.execute("INSERT INTO " + table + " (id, txt, lat) VALUES (%s, %s, %s)", (20, "\u00e9t\u00e9", "\u00e9"))
    latin.commit()
    lc.execute("SELECT HEX(txt), HEX(lat), lat, txt FROM " + table + " WHERE id = 20")
    out("latin1", *lc.fetchone())
    latin.close()


def s_sharded():
    # a sharded table of the orders example (one table on the other sides)
    cur.execute("DELETE FROM t_user WHERE user_id BETWEEN %s AND %s", (base, base + 3))
    users = [(base, TXT1, 1, "12.50"), (base + 1, TXT2, 2, "-0.01"), (base + 2, "back\\slash", None, None), (base + 3, None, 4, "0")]
    for u in users:
        cur.execute("INSERT INTO t_user (user_id, name, region_id, balance) VALUES (%s, %s, %s, %s)", u)
    rows(cur, "SELECT user_id, name, HEX(name), region_id, balance FROM t_user WHERE user_id BETWEEN %s AND %s ORDER BY user_id", (base, base + 3))
    out("sharded update", cur.execute("UPDATE t_user SET name = %s WHERE user_id = %s", ("it's \\n", base + 1)))
    out("sharded delete", cur.execute("DELETE FROM t_user WHERE user_id = %s", (base + 3,)))
    rows(cur, "SELECT user_id, name FROM t_user WHERE name = %s AND user_id BETWEEN %s AND %s", ("it's \\n", base, base + 3))
    rows(cur, "SELECT COUNT(*), SUM(balance) FROM t_user WHERE user_id BETWEEN %s AND %s", (base, base + 3))


def s_metadata():
    cur.execute("SELECT id, txt, lat, bin, n FROM " + table + " WHERE 1 = 0")
    out("columns", *[d[0] + ":" + str(d[1]) for d in cur.description])
    cur.execute("SELECT user_id, name, balance FROM t_user WHERE user_id = %s", (base,))
    out("columns", *[d[0] + ":" + str(d[1]) for d in cur.description])
    cur.fetchall()
    cur.execute("SELECT 1/0")
    out("warnings after 1/0", conn.warning_count() if hasattr(conn, "warning_count") else cur._result.warning_count)


step("connect", s_connect)
if conn is not None:
    for name, fn in [("ddl", s_ddl), ("crud", s_crud), ("transaction", s_transaction), ("parameters", s_parameters),
                     ("latin1", s_latin1), ("sharded table", s_sharded), ("metadata", s_metadata)]:
        step(name, fn)
    conn.close()
out("done", "failed steps: " + (", ".join(failed) or "none"))
sys.exit(1 if failed else 0)
