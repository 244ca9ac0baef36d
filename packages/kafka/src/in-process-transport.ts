import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { BusMessage, InProcessBus } from './in-process-bus';

type InProcessContextArgs = [BusMessage];

/** Offers the same accessors as Nest's KafkaContext, so handlers do not care which transport runs them. */
export class InProcessContext extends BaseRpcContext<InProcessContextArgs> {
  getMessage(): BusMessage {
    return this.args[0];
  }
  getTopic(): string {
    return this.args[0].topic;
  }
  getPartition(): number {
    return this.args[0].partition;
  }
}

/**
 * A Nest microservice transport over the in-process bus: `@EventPattern(topic)` handlers run unchanged in
 * the embedded quick start. A handler that throws has its message redelivered, as with Kafka.
 */
export class InProcessTransport extends Server implements CustomTransportStrategy {
  private unsubscribes: Array<() => void> = [];

  constructor(private readonly bus: InProcessBus, private readonly group: string) {
    super();
  }

  listen(callback: () => void): void {
    for (const pattern of this.messageHandlers.keys()) {
      const unsubscribe = this.bus.subscribe(this.group, pattern, async (message) => {
        const handler = this.getHandlerByPattern(pattern);
        if (!handler) return;
        const result = await handler(message.value, new InProcessContext([message]));
        // Nest hands back an Observable for handlers it wraps; its error must reach the bus to be redelivered.
        if (result && typeof (result as { subscribe?: unknown }).subscribe === 'function') {
          await new Promise<void>((resolve, reject) => (result as any).subscribe({ error: reject, complete: resolve }));
        }
      });
      this.unsubscribes.push(unsubscribe);
    }
    callback();
  }

  close(): void {
    this.unsubscribes.splice(0).forEach((unsubscribe) => unsubscribe());
  }

  on(): never {
    throw new Error('InProcessTransport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.bus as unknown as T;
  }
}
