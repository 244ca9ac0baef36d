import { Topics } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import { applyPatch, newOwnCustomer, ownCustomerEvent, type OwnCustomer, type OwnCustomerChange } from '../domain/own-customer';
import type { CustomerStore } from './customer-store';
import { decodeCreateCustomer, decodeCustomerPatch } from './own-customer-input';

export type CustomerOutcome =
  | { ok: true; customer: OwnCustomer }
  | { ok: false; reason: 'invalid'; problems: string[] }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'exists' };

/** Creates, reads, changes and erases our own customers; every write is on Kafka before it is answered. */
export class ManageOwnCustomers {
  constructor(
    private readonly store: CustomerStore,
    private readonly publisher: EventPublisher,
    private readonly now: () => Date,
    private readonly newId: () => string,
  ) {}

  async create(body: unknown, traceId: string): Promise<CustomerOutcome> {
    const input = decodeCreateCustomer(body);
    if (!input.ok) return { ok: false, reason: 'invalid', problems: input.problems };
    const at = this.now();
    const customer = newOwnCustomer(input.value.id ?? this.newId(), input.value.profile, input.value.attributes, at);
    const inserted = await this.store.insert(customer, () => this.publish(customer, 'created', at, traceId));
    return inserted ? { ok: true, customer } : { ok: false, reason: 'exists' };
  }

  async get(id: string): Promise<CustomerOutcome> {
    const customer = await this.store.find(id);
    return customer ? { ok: true, customer } : { ok: false, reason: 'not-found' };
  }

  async update(id: string, body: unknown, traceId: string): Promise<CustomerOutcome> {
    const patch = decodeCustomerPatch(body);
    if (!patch.ok) return { ok: false, reason: 'invalid', problems: patch.problems };
    const at = this.now();
    const updated = await this.store.update(id, (current) => applyPatch(current, patch.value, at), (next) => this.publish(next, 'updated', at, traceId));
    return updated ? { ok: true, customer: updated } : { ok: false, reason: 'not-found' };
  }

  async erase(id: string, traceId: string): Promise<CustomerOutcome> {
    const at = this.now();
    const removed = await this.store.remove(id, (customer) => this.publish(customer, 'erased', at, traceId));
    return removed ? { ok: true, customer: removed } : { ok: false, reason: 'not-found' };
  }

  private publish(customer: OwnCustomer, change: OwnCustomerChange, at: Date, traceId: string): Promise<void> {
    return this.publisher.publish(Topics.CustomerUpdated, ownCustomerEvent(customer, change, at), traceId);
  }
}
