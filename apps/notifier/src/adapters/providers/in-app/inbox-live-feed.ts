import { EventEmitter } from 'node:events';
import type { InboxFeed, InboxMessage } from '../../../application/ports';

/**
 * In this process only: a stream opened on one notifier instance sees what that instance delivers. With several
 * instances behind a load balancer, the inbox list (GET /inbox/:customerId) is the source of truth on reconnect.
 */
export class InboxLiveFeed implements InboxFeed {
  private readonly events = new EventEmitter();

  constructor() {
    // One listener per open stream; many customers may hold one each.
    this.events.setMaxListeners(0);
  }

  publish(message: InboxMessage): void {
    this.events.emit(message.customerId, message);
  }

  subscribe(customerId: string, listener: (message: InboxMessage) => void): () => void {
    this.events.on(customerId, listener);
    return () => this.events.off(customerId, listener);
  }
}
