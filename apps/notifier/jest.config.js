// *.shared.test.ts read ../shared (not part of a clone); they run only through jest.shared.config.js.
// The crash test runs the notifier as a process over a real broker, started here unless `npm test` shares one.
module.exports = {
  ...require('../../jest.preset.js'),
  testPathIgnorePatterns: ['/node_modules/', '\\.shared\\.test\\.ts$'],
  globalSetup: require.resolve('@syncengage/testing/dist/jest-global-setup'),
  globalTeardown: require.resolve('@syncengage/testing/dist/jest-global-teardown'),
};
