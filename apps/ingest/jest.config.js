module.exports = {
  ...require('../../jest.preset.js'),
  // Webhook tests publish to a real broker: the one of `npm test`, or one started for this jest run.
  globalSetup: require.resolve('@syncengage/testing/dist/jest-global-setup'),
  globalTeardown: require.resolve('@syncengage/testing/dist/jest-global-teardown'),
  testPathIgnorePatterns: ['/node_modules/', '\\.shared\\.test\\.ts$'],
};
