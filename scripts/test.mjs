#!/usr/bin/env node
/*
 * `npm test`: type-check and lint, the unit and integration suite on the embedded engine
 * (PGlite), again on PostgreSQL when TEST_DATABASE_URL is set, then the browser tests when a
 * Chromium is installed. Ends with one summary line, and says what it skipped and why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const pgUrl = process.env.TEST_DATABASE_URL;
const tmp = mkdtempSync(join(tmpdir(), 'fangkong-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedStages = [];
let failedStages = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failedStages.push(label);
  return r.status === 0;
}

function vitest(label, args, env) {
  const out = join(tmp, `${label.replace(/\W+/g, '-')}.json`);
  run(label, 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args], env);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  }
}

run('type-check and lint', 'npm', ['run', 'check']);
vitest('unit and integration tests on PGlite', [], { TEST_DATABASE_URL: '' });
if (pgUrl) vitest('integration tests on PostgreSQL', ['packages/server'], { TEST_DATABASE_URL: pgUrl });
else skippedStages.push('PostgreSQL run (TEST_DATABASE_URL is not set)');

// The benchmarks still run (small sizes, embedded engine); their numbers are not judged here.
run('benchmark smoke run (npm run bench -- --quick; numbers not judged)', 'node', ['--import', 'tsx', 'bench/run.ts', '--quick']);

if (existsSync(chromium)) {
  if (run('build the web app', 'npm', ['run', 'build:web'])) {
    vitest('browser tests (Chromium)', ['--config', 'e2e/vitest.config.ts'], { CHROMIUM_PATH: chromium });
  }
} else {
  skippedStages.push(`browser tests (no Chromium at ${chromium}; install Debian's chromium package or set CHROMIUM_PATH)`);
}

rmSync(tmp, { recursive: true, force: true });
console.log('');
for (const s of skippedStages) console.log(`SKIPPED: ${s}`);
for (const s of failedStages) console.log(`FAILED: ${s}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length > 0 || totals.failed > 0 ? 1 : 0);
