module.exports = {
  ...require('../../jest.preset.js'),
  // The built setup, as other workspaces use it; `npm test` at the root builds before it tests.
  globalSetup: '<rootDir>/dist/jest-global-setup.js',
  globalTeardown: '<rootDir>/dist/jest-global-teardown.js',
  // Consumer-group joins on a real broker take a few seconds on a loaded machine.
  testTimeout: 30_000,
};
