// Starts the real server on a free port with a fresh temporary database, and a headless Chromium
// driven by playwright-core; collects page errors so that tests can assert there are none.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const OUTPUT_DIR = new URL('../../test-output/', import.meta.url).pathname;

/** A port that was free a moment ago. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `configurator-server` and resolves once `/api/v1/health` answers: on a fresh SQLite
 * database, unless `extraArgs` names a `--database-url`. `again` restarts a stopped server: the
 * same port and the same database, as after a crash or a deploy.
 */
export async function startServer(extraArgs = [], again = null) {
  const bin = process.env.SERVER_BIN;
  const dist = process.env.DIST_DIR;
  if (!bin || !dist) throw new Error('SERVER_BIN and DIST_DIR must be set (scripts/test.sh sets them)');
  const folder = again?.folder ?? mkdtempSync(join(tmpdir(), 'configurator-e2e-'));
  const port = again?.port ?? await freePort();
  const url = `http://127.0.0.1:${port}`;
  const database = extraArgs.includes('--database-url') ? [] : ['--database-url', `sqlite://${join(folder, 'e2e.db')}`];
  // The server's output goes to a file, not a pipe: a pipe that this process does not drain (while
  // it waits on a synchronous wrk, say) would fill with the access log and stall the server.
  const logPath = join(folder, 'server.log');
  const output = openSync(logPath, 'a');
  const child = spawn(bin, [
    '--listen', `127.0.0.1:${port}`,
    ...database,
    '--dist', dist,
    ...extraArgs,
  ], { stdio: ['ignore', output, output] });
  closeSync(output);
  // Empty once `stop()` has removed the folder.
  const log = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`server did not answer within 15 s:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    folder,
    pid: child.pid,
    log,
    /** Stops the server; `keep` keeps its database for a restart with `startServer(args, this)`. */
    async stop({ keep = false } = {}) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (!keep) rmSync(folder, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}

/**
 * The server and a browser for one test file: started before its tests, and after them the
 * browser closed and the server stopped, which must exit cleanly (code 0) on SIGTERM. The fields
 * are set once the `before` hook has run.
 */
export function serverAndBrowser(extraArgs = []) {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await startServer(extraArgs);
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    const code = await app.server?.stop();
    assert.equal(code, 0, `the server stops cleanly on SIGTERM:\n${app.server?.log()}`);
  });
  return app;
}

/** A headless Debian Chromium. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run'],
  });
}

/** A new page that records uncaught errors and console errors in `page.errors`. */
export async function newPage(browser, options = {}) {
  const page = await browser.newPage(options);
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(`console: ${message.text()}`);
  });
  return page;
}

/** Saves a full-page screenshot as test-output/NAME.png. */
export async function screenshot(page, name) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });
}
