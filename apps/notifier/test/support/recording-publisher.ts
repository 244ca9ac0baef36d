import { decodeCampaignResult, Topics, type CampaignResult, type EventOf, type Topic } from '@syncengage/contracts';
import { encodeEvent, type EventPublisher, type OutgoingMessage } from '@syncengage/kafka';

/** Keeps what would have gone to Kafka, already checked against each topic's schema. */
export class RecordingPublisher implements EventPublisher {
  readonly messages: OutgoingMessage[] = [];

  async publish<T extends Topic>(topic: T, event: EventOf<T>, traceId: string): Promise<void> {
    this.messages.push(encodeEvent(topic, event, traceId));
  }

  async publishRaw(message: OutgoingMessage): Promise<void> {
    this.messages.push(message);
  }

  results(): CampaignResult[] {
    return this.messages.filter((message) => message.topic === Topics.CampaignResult).map((message) => decodeCampaignResult(JSON.parse(message.value.toString('utf8'))));
  }

  on(topic: string): unknown[] {
    return this.messages.filter((message) => message.topic === topic).map((message) => JSON.parse(message.value.toString('utf8')));
  }
}
