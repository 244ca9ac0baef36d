// The journey, segment and outbox-crash tests run the orchestrator over a real broker, started here unless
// `npm test` shares one.
module.exports = {
  ...require('../../jest.preset.js'),
  globalSetup: require.resolve('@syncengage/testing/dist/jest-global-setup'),
  globalTeardown: require.resolve('@syncengage/testing/dist/jest-global-teardown'),
};
