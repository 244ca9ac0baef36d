// The vendor conformance suite: needs ../shared/specs beside the repository, so `npm test` leaves it out.
// Its Kafka tests use the broker of `npm test` when one is shared, or one started for this jest run.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  testMatch: ['<rootDir>/test/**/*.shared.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: require.resolve('@syncengage/testing/dist/jest-global-setup'),
  globalTeardown: require.resolve('@syncengage/testing/dist/jest-global-teardown'),
};
