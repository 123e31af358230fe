// The server under load, driven by wrk (Debian's): the catalog revalidated with If-None-Match
// (304), alone and while 50 sign-ins run at once (password hashing must not stall the other
// requests), quotes, availability, and order submissions with a unique idempotency key each. Per
// scenario: requests/s, p50 and p99 latency, non-2xx/3xx answers, and the server's CPU time; the
// server's peak memory at the end. Used by bench/report.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../e2e/support/server.mjs';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 16);
const TICKS_PER_SECOND = 100;

/** CPU seconds the process `pid` has used (user + system). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The peak resident memory of `pid`, in MB. */
function peakMemoryMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** Milliseconds of a wrk duration (`850.00us`, `1.23ms`, `2.01s`). */
function ms(text) {
  const [, value, unit] = text.match(/^([\d.]+)(us|ms|s|m)$/);
  return Number(value) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit];
}

/** Runs wrk with the Lua `script` on `url` while measuring the server's CPU. */
function wrk(name, url, script, pid) {
  const folder = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  const file = join(folder, 'scenario.lua');
  writeFileSync(file, script);
  const cpuBefore = cpuSeconds(pid);
  const out = spawnSync('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', '-s', file, url], { encoding: 'utf8' });
  const cpu = cpuSeconds(pid) - cpuBefore;
  if (out.status !== 0) throw new Error(`wrk failed for ${name}: ${out.stderr}`);
  const text = out.stdout;
  const percentile = (p) => ms(text.match(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm'))[1]);
  return {
    name,
    requestsPerSecond: Number(text.match(/Requests\/sec:\s+([\d.]+)/)[1]),
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    errors: Number(text.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0),
    serverCpuPercent: (100 * cpu) / SECONDS,
    raw: text,
  };
}

/** Accounts `bench1`…`benchN` with one password, added through the server's own CLI. */
function addAccounts(server, count) {
  const database = `sqlite://${join(server.folder, 'e2e.db')}`;
  for (let i = 1; i <= count; i += 1) {
    const added = spawnSync(process.env.SERVER_BIN, ['--database-url', database, 'user', 'add', `bench${i}`, '--role', 'planner'], { input: 'bench-password\n', encoding: 'utf8' });
    if (added.status !== 0 && !added.stderr.includes('already taken')) throw new Error(`user add bench${i}: ${added.stderr}`);
  }
}

/**
 * `run()` while a second wrk keeps `count` sign-ins going at once, each of another account
 * (`bench1`…, so that the per-account throttle lets them through), each a password hash.
 */
function whileSigningIn(server, count, run) {
  addAccounts(server, count);
  const folder = mkdtempSync(join(tmpdir(), 'bench-sign-in-'));
  const file = join(folder, 'sign-in.lua');
  writeFileSync(file, `wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
local n = 0
function request()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"username":"bench' .. ((n % ${count}) + 1) .. '","password":"bench-password"}')
end
`);
  const signIns = spawn('wrk', ['-t1', `-c${count}`, `-d${SECONDS + 5}s`, '-s', file, `${server.url}/api/v1/session`], { stdio: 'ignore' });
  // Let every sign-in connection start before the measured run.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  try {
    return run();
  } finally {
    signIns.kill();
  }
}

/** Lua for a request with `method`, `headers` and `body`; `unique` adds a fresh Idempotency-Key. */
function lua({ method = 'GET', headers = {}, body = null, unique = false }) {
  const header = Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n');
  const bodyLine = body === null ? '' : `wrk.body = ${JSON.stringify(body)}`;
  const keyed = unique ? `
local thread_id = 0
local counter = 0
function setup(thread) thread_id = thread_id + 1; thread:set("id", thread_id) end
function request()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = "bench-" .. tostring(id) .. "-" .. tostring(counter) .. "-" .. tostring(os.time())
  return wrk.format()
end` : '';
  return `wrk.method = "${method}"\n${header}\n${bodyLine}\n${keyed}\n`;
}

const MARKET = 'KG';
const JSON_TYPE = { 'content-type': 'application/json' };

/** dealer1's session cookie on `server` (started with --demo). */
async function signIn(server) {
  const login = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: JSON_TYPE,
    body: JSON.stringify({ username: 'dealer1', password: 'demo' }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
  return login.headers.get('set-cookie').split(';')[0];
}

/** Order submissions of one Cobalt each, a fresh idempotency key per request. */
async function orders(name, server, code) {
  const cookie = await signIn(server);
  const order = JSON.stringify({ market: MARKET, lines: [{ code, quantity: 1 }] });
  return wrk(name, `${server.url}/api/v1/orders`, lua({ method: 'POST', headers: { ...JSON_TYPE, cookie }, body: order, unique: true }), server.pid);
}

/**
 * Every scenario against `server` (started with --demo), then its peak memory; order submissions
 * also on PostgreSQL when `BENCH_POSTGRES_URL` names an empty database (bench/run.sh starts one).
 */
export async function serverLoad(server) {
  // A browser asks for the catalog in its reader's language (`?lang=`) and revalidates it.
  const catalogUrl = `${server.url}/api/v1/catalog?lang=ru`;
  const catalog = await fetch(catalogUrl);
  const etag = catalog.headers.get('etag');
  const { default_codes: codes } = await catalog.json();
  const market = MARKET;
  const json = JSON_TYPE;
  const runs = [
    wrk('catalog, If-None-Match (304)', catalogUrl, lua({ headers: { 'if-none-match': etag, 'accept-encoding': 'br' } }), server.pid),
    whileSigningIn(server, 50, () => wrk('catalog (304) while 50 sign-ins run at once', catalogUrl, lua({ headers: { 'if-none-match': etag, 'accept-encoding': 'br' } }), server.pid)),
    wrk('quote (POST /quotes)', `${server.url}/api/v1/quotes`, lua({ method: 'POST', headers: json, body: JSON.stringify({ market, lines: [{ code: codes.cobalt, quantity: 5 }, { code: codes['np37-city'], quantity: 30 }] }) }), server.pid),
    wrk('availability (GET /availability)', `${server.url}/api/v1/availability?code=${codes.cobalt}&quantity=5`, lua({}), server.pid),
    await orders('order submissions, SQLite (synchronous=FULL)', server, codes.cobalt),
  ];
  const peak = peakMemoryMb(server.pid);
  const postgres = process.env.BENCH_POSTGRES_URL;
  if (postgres) {
    const onPostgres = await startServer(['--demo', '--database-url', postgres]);
    try {
      runs.push(await orders('order submissions, PostgreSQL (fsync and synchronous_commit on)', onPostgres, codes.cobalt));
    } finally {
      await onPostgres.stop();
    }
  }
  return { seconds: SECONDS, connections: CONNECTIONS, runs, peakMemoryMb: peak };
}
