import { Topics, type EventOf, type Topic } from '@syncengage/contracts';
import type { EventPublisher, OutgoingMessage } from '@syncengage/kafka';

/**
 * TEST ONLY (ORCHESTRATOR_FAULT=exit-after-commit). The outbox publishes only committed decisions, so dying on
 * its first message-requested is dying exactly between the commit and the publish: the crash the transactional
 * outbox exists for. SIGKILL, not exit: no shutdown hook, no flush, no offset commit may run.
 */
export class ExitBeforePublish implements EventPublisher {
  constructor(private readonly inner: EventPublisher, private readonly die: () => void = () => process.kill(process.pid, 'SIGKILL')) {}

  async publish<T extends Topic>(topic: T, event: EventOf<T>, traceId: string): Promise<void> {
    if (topic === Topics.MessageRequested) {
      process.stderr.write(`ORCHESTRATOR_FAULT exit-after-commit: killed before publishing ${event.eventId}\n`);
      this.die();
      await new Promise(() => undefined); // SIGKILL lands before this settles; never fall through to a publish
    }
    return this.inner.publish(topic, event, traceId);
  }

  publishRaw(message: OutgoingMessage): Promise<void> {
    return this.inner.publishRaw(message);
  }
}
