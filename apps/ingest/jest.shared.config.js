// The vendor conformance suite: needs ../shared/specs beside the repository, so `npm test` leaves it out.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  testMatch: ['<rootDir>/test/**/*.shared.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: require.resolve('@syncengage/testing/dist/jest-global-setup'),
  globalTeardown: require.resolve('@syncengage/testing/dist/jest-global-teardown'),
};
