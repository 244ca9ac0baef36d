import type { OrderOwners, WebhookReceipts } from '../../application/ports';

/** For use-case specs; the service always uses PostgreSQL (PGlite when embedded). */
export class MemoryWebhookReceipts implements WebhookReceipts {
  private readonly seen = new Set<string>();

  async claim(source: string, deliveryId: string): Promise<boolean> {
    const key = `${source}\u0000${deliveryId}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  async release(source: string, deliveryId: string): Promise<void> {
    this.seen.delete(`${source}\u0000${deliveryId}`);
  }
}

export class MemoryOrderOwners implements OrderOwners {
  private readonly owners = new Map<string, string>();

  async remember(source: string, orderId: string, customerId: string): Promise<void> {
    this.owners.set(`${source}\u0000${orderId}`, customerId);
  }

  async ownerOf(source: string, orderId: string): Promise<string | undefined> {
    return this.owners.get(`${source}\u0000${orderId}`);
  }
}
