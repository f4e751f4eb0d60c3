// bench/duckdb_run.mjs - runs bench/duckdb_study.sql in DuckDB through
// @duckdb/node-api (installed by bench/duckdb.sh, never by make test):
//
//   node bench/duckdb_run.mjs MODULE_DIR SQL DATA_DIR OUT.csv.gz
//
// MODULE_DIR is the npm prefix holding node_modules/@duckdb/node-api.
// Prints "duckdb VERSION threads N seconds S" on standard output; any
// DuckDB error goes to standard error with exit status 1.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [moduleDir, sqlFile, dataDir, out] = process.argv.slice(2);
if (!out) {
	console.error('usage: node bench/duckdb_run.mjs MODULE_DIR SQL DATA_DIR OUT.csv.gz');
	process.exit(2);
}
const require = createRequire(join(moduleDir, 'package.json'));
const { DuckDBInstance, version } = require('@duckdb/node-api');

const sql = readFileSync(sqlFile, 'utf8').replaceAll('@DIR@', dataDir).replaceAll('@OUT@', out);
const t0 = process.hrtime.bigint();
try {
	const db = await DuckDBInstance.create(':memory:');
	const con = await db.connect();
	await con.run(sql);
	const threads = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
	const secs = Number(process.hrtime.bigint() - t0) / 1e9;
	console.log(`duckdb ${version()} threads ${threads} seconds ${secs.toFixed(3)}`);
	con.closeSync();
	db.closeSync();
} catch (e) {
	console.error(`duckdb: ${e.message}`);
	process.exit(1);
}
