#!/usr/bin/env node
// Suites that read ../shared must fail loudly, naming what is missing, rather than skip or pass vacuously.
const { existsSync } = require('node:fs');
const { resolve } = require('node:path');

const missing = process.argv.slice(2).filter((path) => !existsSync(resolve(path)));
if (missing.length > 0) {
  process.stderr.write(
    `missing ${missing.map((path) => resolve(path)).join(', ')}\n` +
      'These suites read the shared data and specs beside the repository (../shared); they are not part of a clone.\n',
  );
  process.exit(1);
}
