// The compatibility program for Node.js mysql2: the steps of README.md beside this file, printed as
// canonical lines; a failing step prints its error, the others still run; exit code 1 when any
// failed. query() interpolates placeholders on the client; execute() uses server-side prepares.
//   node mysql2_prog.js HOST PORT USER DATABASE BASE   (NODE_PATH must reach mysql2)
'use strict';
const mysql = require('mysql2/promise');

const [host, portText, user, database, baseText] = process.argv.slice(2);
const port = Number(portText), base = Number(baseText);
const table = 'compat_mysql2';

const TXT1 = "O'Neil \\ back \"q\" \\' end";
const TXT2 = 'emoji \u{1F600} \u00fcn\u00ef';
const LAT = 'caf\u00e9';
const BIN1 = Buffer.from('0001275C2280FFFEC3280A0D1A5C27', 'hex');

function show(v) {
  if (v === null || v === undefined) return 'NULL';
  if (Buffer.isBuffer(v)) return '0x' + v.toString('hex').toUpperCase();
  if (typeof v === 'object' && !(v instanceof Date)) return JSON.stringify(v);
  return String(v);
}
function out(...parts) { console.log(parts.map(show).join(' | ')); }

const failed = [];
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    failed.push(name);
    out('ERROR in ' + name, (e.code || e.name) + ': ' + e.message);
  }
}

function connect(charset) {
  return mysql.createConnection({ host, port, user, password: '', database, charset, supportBigNumbers: true, bigNumberStrings: true });
}

async function rows(c, sql, params) {
  const [rs] = await c.query({ sql, rowsAsArray: true }, params);
  for (const r of rs) out('row', ...r);
}

async function main() {
  let c;
  await step('connect', async () => {
    c = await connect('UTF8MB4_GENERAL_CI');
    const [[v]] = await c.query({ sql: 'SELECT VERSION()', rowsAsArray: true });
    out('version mentions MariaDB', v[0].includes('MariaDB'));
  });
  if (!c) { out('done', 'failed steps: connect'); process.exit(1); }

  await step('ddl', async () => {
    await c.query('DROP TABLE IF EXISTS ' + table);
    await c.query('CREATE TABLE ' + table + ' (id INT PRIMARY KEY, txt VARCHAR(100) CHARACTER SET utf8mb4,'
      + ' lat VARCHAR(50) CHARACTER SET latin1, bin BLOB, n INT NULL, doc JSON)');
    out('ddl', 'ok');
  });
  await step('crud', async () => {
    const ins = 'INSERT INTO ' + table + ' (id, txt, lat, bin, n, doc) VALUES (?, ?, ?, ?, ?, ?)';
    let n = (await c.query(ins, [1, TXT1, LAT, BIN1, null, '{"a": [1, "x\'y"]}']))[0].affectedRows;
    n += (await c.query(ins, [2, TXT2, '\u00e9', Buffer.alloc(0), 42, null]))[0].affectedRows;
    n += (await c.query(ins, [3, null, null, null, null, null]))[0].affectedRows;
    out('inserted', n);
    await rows(c, 'SELECT id, txt, HEX(txt), HEX(lat), HEX(bin), bin, n, doc FROM ' + table + ' ORDER BY id');
    out('updated', (await c.query('UPDATE ' + table + ' SET txt = ?, bin = ? WHERE id = ?', [TXT2 + TXT1, Buffer.concat([BIN1, BIN1]), 2]))[0].affectedRows);
    out('deleted', (await c.query('DELETE FROM ' + table + ' WHERE id = ?', [3]))[0].affectedRows);
    await rows(c, 'SELECT id, txt, HEX(bin), n FROM ' + table + ' WHERE txt LIKE ? ORDER BY id', ["%O'Neil \\\\%"]);
  });
  await step('transaction', async () => {
    await c.beginTransaction();
    await c.query('INSERT INTO ' + table + ' (id, txt) VALUES (?, ?)', [40, 'rolled back']);
    await c.rollback();
    await c.beginTransaction();
    await c.query('INSERT INTO ' + table + ' (id, txt) VALUES (?, ?)', [41, 'committed']);
    await c.commit();
    await rows(c, 'SELECT id, txt FROM ' + table + ' WHERE id IN (40, 41) ORDER BY id');
  });
  await step('prepared', async () => {
    const [r] = await c.execute('INSERT INTO ' + table + ' (id, txt, bin) VALUES (?, ?, ?)', [30, TXT1, BIN1]);
    out('prepared insert', r.affectedRows);
    const [rs] = await c.execute({ sql: 'SELECT id, HEX(txt), HEX(bin), bin, n, doc FROM ' + table + ' WHERE id >= ? AND bin = ? ORDER BY id', rowsAsArray: true }, [30, BIN1]);
    for (const row of rs) out('row', ...row);
  });
  await step('latin1', async () => {
    const latin = await connect('LATIN1_SWEDISH_CI');
    await latin.query('INSERT INTO ' + table + ' (id, txt, lat) VALUES (?, ?, ?)', [20, '\u00e9t\u00e9', '\u00e9']);
    const [[r]] = await latin.query({ sql: 'SELECT HEX(txt), HEX(lat), lat, txt FROM ' + table + ' WHERE id = 20', rowsAsArray: true });
    out('latin1', ...r);
    await latin.end();
  });
  await step('sharded table', async () => {
    await c.query('DELETE FROM t_user WHERE user_id BETWEEN ? AND ?', [base, base + 3]);
    for (const u of [[base, TXT1, 1, '12.50'], [base + 1, TXT2, 2, '-0.01'], [base + 2, 'back\\slash', null, null], [base + 3, null, 4, '0']]) {
      await c.query('INSERT INTO t_user (user_id, name, region_id, balance) VALUES (?, ?, ?, ?)', u);
    }
    await rows(c, 'SELECT user_id, name, HEX(name), region_id, balance FROM t_user WHERE user_id BETWEEN ? AND ? ORDER BY user_id', [base, base + 3]);
    out('sharded update', (await c.query('UPDATE t_user SET name = ? WHERE user_id = ?', ["it's \\n", base + 1]))[0].affectedRows);
    out('sharded delete', (await c.query('DELETE FROM t_user WHERE user_id = ?', [base + 3]))[0].affectedRows);
    await rows(c, 'SELECT user_id, name FROM t_user WHERE name = ? AND user_id BETWEEN ? AND ?', ["it's \\n", base, base + 3]);
    await rows(c, 'SELECT COUNT(*), SUM(balance) FROM t_user WHERE user_id BETWEEN ? AND ?', [base, base + 3]);
  });
  await step('sharded prepared', async () => {
    const [rs] = await c.execute({ sql: 'SELECT user_id, name, balance FROM t_user WHERE user_id = ?', rowsAsArray: true }, [base]);
    for (const row of rs) out('row', ...row);
  });
  await step('metadata', async () => {
    const [, fields] = await c.query('SELECT id, txt, lat, bin, n, doc FROM ' + table + ' WHERE 1 = 0');
    out('columns', ...fields.map(f => f.name + ':' + f.columnType + ':' + f.characterSet + ':' + f.columnLength));
    const [rs] = await c.query('SELECT 1/0');
    out('warnings after 1/0', rs.length, (await c.query('SHOW COUNT(*) WARNINGS'))[0][0]['@@session.warning_count']);
  });
  await c.end();
  out('done', 'failed steps: ' + (failed.length ? failed.join(', ') : 'none'));
  process.exit(failed.length ? 1 : 0);
}

main().catch(e => { out('ERROR', e.stack); process.exit(1); });
