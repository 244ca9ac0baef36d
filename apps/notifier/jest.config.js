// *.shared.test.ts read ../shared (not part of a clone); they run only through jest.shared.config.js.
module.exports = { ...require('../../jest.preset.js'), testPathIgnorePatterns: ['/node_modules/', '\\.shared\\.test\\.ts$'] };
