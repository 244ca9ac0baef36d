import type { OutgoingMessage } from './outgoing-message';

export interface BusMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  headers: Record<string, string>;
  value: Buffer;
}

type Handler = (message: BusMessage) => Promise<void>;

interface Subscription {
  group: string;
  topic: string;
  handler: Handler;
  /** Next offset to deliver, per partition: like a committed consumer-group offset. */
  positions: number[];
  draining: boolean[];
  active: boolean;
}

export interface InProcessBusOptions {
  partitions?: number;
  /** Wait before redelivering a message whose handler threw. */
  redeliveryDelayMs?: number;
}

/**
 * Kafka's topic semantics inside one process, for the embedded quick start: keyed messages land on a
 * partition by key hash, each consumer group sees every message once per partition in order, a handler
 * that throws gets the same message again (nothing skipped), and a group that joins late starts from
 * the beginning like `fromBeginning: true`.
 */
export class InProcessBus {
  private readonly logs = new Map<string, BusMessage[][]>();
  private readonly subscriptions: Subscription[] = [];
  private readonly partitions: number;
  private readonly redeliveryDelayMs: number;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(options: InProcessBusOptions = {}) {
    this.partitions = options.partitions ?? 3;
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 200;
  }

  publish(message: OutgoingMessage): void {
    const log = this.logOf(message.topic);
    const partition = partitionOf(message.key, this.partitions);
    log[partition].push({
      topic: message.topic,
      partition,
      offset: String(log[partition].length),
      key: message.key,
      headers: { ...message.headers },
      value: Buffer.from(message.value),
    });
    for (const subscription of this.subscriptions) {
      if (subscription.topic === message.topic && subscription.active) this.drain(subscription, partition);
    }
  }

  /** One subscriber per group and topic: the bus does not split partitions among group members as Kafka does. */
  subscribe(group: string, topic: string, handler: Handler): () => void {
    if (this.subscriptions.some((existing) => existing.active && existing.group === group && existing.topic === topic)) {
      throw new Error(`consumer group ${group} already subscribes to ${topic} on this in-process bus`);
    }
    const subscription: Subscription = {
      group,
      topic,
      handler,
      positions: new Array(this.partitions).fill(0),
      draining: new Array(this.partitions).fill(false),
      active: true,
    };
    this.subscriptions.push(subscription);
    for (let partition = 0; partition < this.partitions; partition += 1) this.drain(subscription, partition);
    return () => {
      subscription.active = false;
    };
  }

  /** Everything ever published to a topic, in partition order: what a test or the demo inspects. */
  messages(topic: string): BusMessage[] {
    return this.logOf(topic).flat();
  }

  topics(): string[] {
    return [...this.logs.keys()];
  }

  /** Resolves when no handler is running and every subscription has caught up. */
  async idle(): Promise<void> {
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return (
      this.inFlight === 0 &&
      this.subscriptions.every(
        (subscription) => !subscription.active || subscription.positions.every((position, partition) => position >= this.logOf(subscription.topic)[partition].length),
      )
    );
  }

  private drain(subscription: Subscription, partition: number): void {
    if (subscription.draining[partition]) return;
    subscription.draining[partition] = true;
    this.inFlight += 1;
    void this.deliverInOrder(subscription, partition).finally(() => {
      subscription.draining[partition] = false;
      this.inFlight -= 1;
      // A publish between the loop's last check and this line saw `draining` still set and left the message to us.
      if (subscription.active && subscription.positions[partition] < this.logOf(subscription.topic)[partition].length) {
        this.drain(subscription, partition);
        return;
      }
      if (this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    });
  }

  private async deliverInOrder(subscription: Subscription, partition: number): Promise<void> {
    const log = this.logOf(subscription.topic)[partition];
    while (subscription.active && subscription.positions[partition] < log.length) {
      const message = log[subscription.positions[partition]];
      try {
        await subscription.handler(message);
        subscription.positions[partition] += 1;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, this.redeliveryDelayMs));
      }
    }
  }

  private logOf(topic: string): BusMessage[][] {
    let log = this.logs.get(topic);
    if (!log) {
      log = Array.from({ length: this.partitions }, () => []);
      this.logs.set(topic, log);
    }
    return log;
  }
}

/** Stable across runs, so one customer's messages always share a partition (and so an order). */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
