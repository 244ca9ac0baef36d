export { simulateTransactions, customerIdOf, type SimulationOptions, type SimulatedTransaction } from './simulate-transactions';
export { toCanonicalCsv, CANONICAL_HEADER } from './canonical-csv';
export { customerProfile, type CustomerProfile } from './customer-profile';
export { mulberry32, deriveSeed, type Random } from './prng';
