import type { OwnCustomer } from '../domain/own-customer';

/**
 * Our own customers. Every write takes a `thenPublish` that runs inside the write's transaction: when it
 * throws (Kafka unavailable), the write is rolled back, so the store and the events never disagree.
 */
export interface CustomerStore {
  find(id: string): Promise<OwnCustomer | undefined>;
  /** false when the id is taken. */
  insert(customer: OwnCustomer, thenPublish: () => Promise<void>): Promise<boolean>;
  /** Locks the row while `change` computes its next state; undefined when there is no such customer. */
  update(id: string, change: (current: OwnCustomer) => OwnCustomer, thenPublish: (updated: OwnCustomer) => Promise<void>): Promise<OwnCustomer | undefined>;
  remove(id: string, thenPublish: (removed: OwnCustomer) => Promise<void>): Promise<OwnCustomer | undefined>;
}

export const CUSTOMER_STORE = Symbol('CustomerStore');
