// The Kafka tests (replay, consumer lag) need a broker: started here unless `npm test` shares one.
module.exports = {
  ...require('../../jest.preset.js'),
  globalSetup: require.resolve('@syncengage/testing/dist/jest-global-setup'),
  globalTeardown: require.resolve('@syncengage/testing/dist/jest-global-teardown'),
};
