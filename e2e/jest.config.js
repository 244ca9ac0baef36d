module.exports = {
  ...require('../jest.preset.js'),
  globalSetup: require.resolve('@syncengage/testing/dist/jest-global-setup'),
  globalTeardown: require.resolve('@syncengage/testing/dist/jest-global-teardown'),
  // The services run as child processes; one file at a time keeps a 2-core machine responsive.
  maxWorkers: 1,
};
