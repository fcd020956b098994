#!/usr/bin/env python3
"""Dumps the primary sort weights MariaDB assigns to every BMP code point under a collation.

The merge layer orders strings the way MariaDB does; instead of re-deriving MariaDB's case/accent
folding tables by hand we ask the reference implementation (like Vitess does for its collation
tables). Output format (gzip): for each code point 0..65535 one byte n (weight count), then n
big-endian u16 weights. Surrogates (never valid in UTF-8) get n = 0.

Usage: dump-collation-weights.py COLLATION OUTFILE   (needs the `mariadb` client and a server on
127.0.0.1:3306, user root, empty password)
"""
import gzip, subprocess, sys

collation, out = sys.argv[1], sys.argv[2]
charset = collation.split('_')[0]
sql = ("SELECT seq, HEX(WEIGHT_STRING(CONVERT(CHAR(seq USING utf32) USING %s) COLLATE %s)) "
       "FROM seq_0_to_65535 WHERE seq NOT BETWEEN 55296 AND 57343" % (charset, collation))
rows = subprocess.run(["mariadb", "-h127.0.0.1", "-uroot", "--default-character-set=utf8mb4", "-N", "-B", "-Dmysql",
                       "-e", sql], check=True, capture_output=True, text=True).stdout.splitlines()
weights = {}
for line in rows:
    cp, hexw = line.split('\t')
    hexw = '' if hexw == 'NULL' else hexw
    b = bytes.fromhex(hexw)
    if len(b) % 2:  # 8-bit collations (latin1): one byte per character
        b = b''.join(bytes([0, x]) for x in b)
    weights[int(cp)] = b
buf = bytearray()
for cp in range(65536):
    b = weights.get(cp, b'')
    buf.append(len(b) // 2)
    buf += b
with gzip.open(out, 'wb', 9) as f:
    f.write(bytes(buf))
print(collation, len(weights), "code points,", len(buf), "bytes")
