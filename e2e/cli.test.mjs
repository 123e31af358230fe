// The server's command line: bad flags and unusable databases are one line and exit code 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const bin = process.env.SERVER_BIN;

function run(args) {
  const result = spawnSync(bin, args, { encoding: 'utf8', timeout: 15_000 });
  return { code: result.status, stderr: result.stderr.trim() };
}

test('an unknown flag is one line and exit code 2', () => {
  const { code, stderr } = run(['--no-such-flag']);
  assert.equal(code, 2);
  assert.equal(stderr.split('\n').length, 1, stderr);
  assert.match(stderr, /--no-such-flag/);
});

test('a bad listen address is one line and exit code 2', () => {
  const { code, stderr } = run(['--listen', 'not-an-address']);
  assert.equal(code, 2);
  assert.equal(stderr.split('\n').length, 1, stderr);
  assert.match(stderr, /not-an-address/);
});

test('a fixed clock that is not an instant is one line and exit code 2', () => {
  const { code, stderr } = run(['--fixed-clock', '2027-02-30T00:00:00Z']);
  assert.equal(code, 2);
  assert.equal(stderr.split('\n').length, 1, stderr);
  assert.match(stderr, /'2027-02-30T00:00:00Z' for '--fixed-clock.*expected an instant such as 2027-03-01T00:00:00Z/);
});

test('an unusable database path is one line and exit code 2', () => {
  const { code, stderr } = run(['--database-url', 'sqlite:///proc/no-such-dir/x.db']);
  assert.equal(code, 2);
  assert.equal(stderr.split('\n').length, 1, stderr);
  assert.match(stderr, /cannot (open|create)/);
});

test('an unsupported database url is one line and exit code 2', () => {
  const { code, stderr } = run(['--database-url', 'mysql://h/db']);
  assert.equal(code, 2);
  assert.match(stderr, /unsupported database url `mysql:\/\/h\/db`/);
});
