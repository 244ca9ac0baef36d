// Appends each jest run's totals to SYNCENGAGE_TEST_RESULTS (a JSON-lines file), so `npm test` can print one
// closing line for the whole monorepo. Without that variable it does nothing.
const { appendFileSync } = require('node:fs');

class CountReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.SYNCENGAGE_TEST_RESULTS;
    if (!file) return;
    const line = {
      cwd: process.cwd(),
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }
}

module.exports = CountReporter;
