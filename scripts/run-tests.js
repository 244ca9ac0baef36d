#!/usr/bin/env node
// Runs every workspace's tests through turbo (one workspace at a time: a 2-core machine, one shared broker)
// and closes with one line for the whole run: "N passed, N failed, N skipped".
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');

const resultsFile = join(tmpdir(), `syncengage-test-results-${process.pid}.jsonl`);
rmSync(resultsFile, { force: true });
// --continue: one failing workspace must not hide the others' results from the closing line.
const run = spawnSync('npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, SYNCENGAGE_TEST_RESULTS: resultsFile },
});
const runs = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
rmSync(resultsFile, { force: true });
const total = runs.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
const failed = total.failed + (run.status !== 0 && total.failed === 0 ? 1 : 0);
process.stdout.write(`\n${runs.length} jest runs\n${total.passed} passed, ${failed} failed, ${total.skipped} skipped\n`);
process.exit(run.status === 0 && failed === 0 && total.passed > 0 ? 0 : 1);
